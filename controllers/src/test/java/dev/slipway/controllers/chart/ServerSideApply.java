package dev.slipway.controllers.chart;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Call;

/**
 * Applies any manifest (built-in kinds and custom resources alike) with server-side apply, as
 * {@code kubectl apply --server-side --field-manager=... [--dry-run=server]} does: a PATCH of type
 * {@code application/apply-patch+yaml} with {@code fieldValidation=Strict}, so an unknown or duplicate field is an
 * error rather than silently dropped. Resource paths come from the API server's discovery documents.
 */
public final class ServerSideApply {

  /** The field manager of every apply made by the tests. */
  public static final String FIELD_MANAGER = "slipway-chart-test";

  private static final Type MAP = new TypeToken<Map<String, Object>>() { }.getType();

  private final ApiClient client;
  private final Map<String, List<Resource>> discovered = new HashMap<>();

  /** One resource of an API group version, as discovery lists it. */
  private record Resource(String name, String kind, boolean namespaced) {
  }

  public ServerSideApply(ApiClient client) {
    this.client = client;
  }

  /** Applies for real; returns what the server stored. */
  public Map<String, Object> apply(Map<String, Object> manifest) throws ApiException {
    return send(manifest, false);
  }

  /** Applies with {@code dryRun=All}: the server runs every admission and validation step and stores nothing. */
  public Map<String, Object> dryRun(Map<String, Object> manifest) throws ApiException {
    return send(manifest, true);
  }

  private Map<String, Object> send(Map<String, Object> manifest, boolean dryRun) throws ApiException {
    String apiVersion = Objects.toString(manifest.get("apiVersion"), "");
    String kind = Objects.toString(manifest.get("kind"), "");
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) manifest.get("metadata");
    String name = Objects.toString(metadata.get("name"), "");
    Resource resource = resource(apiVersion, kind);
    String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    String path;
    if (resource.namespaced()) {
      Object namespace = metadata.get("namespace");
      if (namespace == null) {
        throw new IllegalArgumentException(kind + " " + name + " is namespaced but has no metadata.namespace");
      }
      path = prefix + "/namespaces/" + client.escapeString(namespace.toString()) + "/" + resource.name() + "/"
          + client.escapeString(name);
    } else {
      path = prefix + "/" + resource.name() + "/" + client.escapeString(name);
    }
    List<Pair> query = new ArrayList<>(List.of(new Pair("fieldManager", FIELD_MANAGER), new Pair("force", "true"),
        new Pair("fieldValidation", "Strict")));
    if (dryRun) {
      query.add(new Pair("dryRun", "All"));
    }
    Map<String, String> headers = new HashMap<>(Map.of(
        "Content-Type", "application/apply-patch+yaml", "Accept", "application/json"));
    // JSON is YAML: the manifest goes as JSON, exactly as parsed.
    Call call = client.buildCall(null, path, "PATCH", query, List.of(), new Gson().toJson(manifest), headers,
        new HashMap<>(), new HashMap<>(), new String[] {"BearerToken"}, null);
    return client.<Map<String, Object>>execute(call, MAP).getData();
  }

  private Resource resource(String apiVersion, String kind) throws ApiException {
    Resource found = find(discovered.get(apiVersion), kind);
    if (found == null) {
      // Not seen yet, or a CRD installed since the last look: ask again.
      discovered.put(apiVersion, discover(apiVersion));
      found = find(discovered.get(apiVersion), kind);
    }
    if (found == null) {
      throw new IllegalArgumentException("the API server serves no kind " + kind + " in " + apiVersion);
    }
    return found;
  }

  private static Resource find(List<Resource> resources, String kind) {
    if (resources == null) {
      return null;
    }
    return resources.stream().filter(r -> r.kind().equals(kind)).findFirst().orElse(null);
  }

  private List<Resource> discover(String apiVersion) throws ApiException {
    String path = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    Call call = client.buildCall(null, path, "GET", List.of(), List.of(), null,
        new HashMap<>(Map.of("Accept", "application/json")), new HashMap<>(), new HashMap<>(),
        new String[] {"BearerToken"}, null);
    Map<String, Object> answer = client.<Map<String, Object>>execute(call, MAP).getData();
    JsonObject list = JsonParser.parseString(new Gson().toJson(answer)).getAsJsonObject();
    List<Resource> resources = new ArrayList<>();
    JsonArray items = list.getAsJsonArray("resources");
    for (JsonElement item : items) {
      JsonObject resource = item.getAsJsonObject();
      String name = resource.get("name").getAsString();
      if (!name.contains("/")) {
        resources.add(new Resource(name, resource.get("kind").getAsString(),
            resource.get("namespaced").getAsBoolean()));
      }
    }
    return resources;
  }
}
