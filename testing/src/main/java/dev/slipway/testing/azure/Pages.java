package dev.slipway.testing.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ARM's paged list shape {@code {"value":[...],"nextLink":"..."}}: at most {@code pageSize} items a page, the next
 * page named by a {@code $skipToken} in an absolute nextLink (which the SDK follows as given).
 */
final class Pages {

  private Pages() {
  }

  static JsonObject page(List<JsonElement> items, ArmRequest request, int pageSize, URI endpoint) {
    int from = 0;
    String token = request.query("$skipToken");
    if (token != null) {
      try {
        from = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        throw ArmException.badRequest("InvalidSkipToken", "The $skipToken '" + token + "' is not valid.");
      }
    }
    int to = Math.min(items.size(), from + pageSize);
    JsonArray value = new JsonArray();
    for (int i = Math.min(from, to); i < to; i++) {
      value.add(items.get(i));
    }
    JsonObject page = new JsonObject();
    page.add("value", value);
    if (to < items.size()) {
      StringBuilder link = new StringBuilder(endpoint.toString())
          .append(String.join("/", request.segments().stream().map(Pages::encode).toList())).append('?');
      request.query().forEach((name, v) -> {
        if (!name.equals("$skiptoken")) {
          link.append(encode(name)).append('=').append(encode(v)).append('&');
        }
      });
      page.addProperty("nextLink", link.append("$skipToken=").append(to).toString());
    }
    return page;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
  }
}
