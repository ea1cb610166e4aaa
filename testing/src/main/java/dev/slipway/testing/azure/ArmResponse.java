package dev.slipway.testing.azure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, a JSON body (null for none) and headers besides the ones every answer has. */
record ArmResponse(int status, JsonElement body, Map<String, String> headers) {

  static ArmResponse of(int status, JsonElement body) {
    return new ArmResponse(status, body, new LinkedHashMap<>());
  }

  static ArmResponse ok(JsonElement body) {
    return of(200, body);
  }

  static ArmResponse noContent() {
    return of(204, null);
  }

  static ArmResponse error(ArmException e) {
    JsonObject error = new JsonObject();
    error.addProperty("code", e.code());
    error.addProperty("message", e.getMessage());
    if (e.target() != null) {
      error.addProperty("target", e.target());
    }
    JsonObject body = new JsonObject();
    body.add("error", error);
    ArmResponse response = of(e.status(), body);
    response.headers().putAll(e.headers());
    return response;
  }

  ArmResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** ARM's error code when this is an error answer, else null. */
  String errorCode() {
    if (status < 400 || body == null || !body.isJsonObject()) {
      return null;
    }
    JsonElement error = body.getAsJsonObject().get("error");
    return error != null && error.isJsonObject() && error.getAsJsonObject().has("code")
        ? error.getAsJsonObject().get("code").getAsString() : null;
  }
}
