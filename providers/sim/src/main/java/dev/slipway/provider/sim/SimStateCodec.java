package dev.slipway.provider.sim;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Instant;

/** {@link SimClusterState} to and from JSON. Refuses a schema version it does not know rather than guess. */
final class SimStateCodec {

  private final Gson gson = new GsonBuilder()
      .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
      .disableHtmlEscaping()
      .create();

  String encode(SimClusterState state) {
    return gson.toJson(state);
  }

  /** @throws IllegalStateException when the document is not a state of {@link SimClusterState#SCHEMA_VERSION} */
  SimClusterState decode(String json) {
    try {
      JsonObject object = JsonParser.parseString(json).getAsJsonObject();
      int version = object.has("schemaVersion") ? object.get("schemaVersion").getAsInt() : -1;
      if (version != SimClusterState.SCHEMA_VERSION) {
        throw new IllegalStateException("simulated cloud state has schema version " + version + "; this Slipway "
            + "reads version " + SimClusterState.SCHEMA_VERSION);
      }
      return gson.fromJson(object, SimClusterState.class);
    } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException("simulated cloud state is not valid JSON state: " + e.getMessage(), e);
    }
  }

  /** ISO-8601, readable in {@code kubectl get configmap -o yaml}. */
  private static final class InstantAdapter extends TypeAdapter<Instant> {
    @Override
    public void write(JsonWriter out, Instant value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public Instant read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      return Instant.parse(in.nextString());
    }
  }
}
