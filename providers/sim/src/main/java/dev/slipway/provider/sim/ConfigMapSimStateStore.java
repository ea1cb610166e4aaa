package dev.slipway.provider.sim;

import dev.slipway.provider.CloudException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Preconditions;
import java.time.Duration;
import java.util.Map;

/**
 * State in the workload API server, so that it outlives the controller process (even kill -9): one ConfigMap per
 * simulated cluster, named {@code <namespace>.<name>}, in namespace {@value #NAMESPACE} (created when missing), with
 * the JSON state under {@value #DATA_KEY}. Writes carry the resourceVersion that was read (deletes a precondition on
 * it), so a concurrent writer makes this one fail with 409 and re-read rather than overwrite.
 */
public final class ConfigMapSimStateStore implements SimStateStore {

  public static final String NAMESPACE = "slipway-sim-cloud";
  public static final String DATA_KEY = "state.json";
  static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "slipway-sim");

  private final CoreV1Api core;
  private final SimStateCodec codec = new SimStateCodec();

  public ConfigMapSimStateStore(ApiClient workload) {
    this.core = new CoreV1Api(workload);
  }

  /** The ConfigMap name for a cluster: namespaces hold no dots, so {@code <namespace>.<name>} is unique. */
  public static String configMapName(String namespace, String name) {
    return namespace + "." + name;
  }

  @Override
  public Versioned read(String namespace, String name) throws CloudException {
    String configMap = configMapName(namespace, name);
    try {
      V1ConfigMap found = core.readNamespacedConfigMap(configMap, NAMESPACE).execute();
      String json = found.getData() == null ? null : found.getData().get(DATA_KEY);
      if (json == null) {
        throw CloudException.permanent("StateCorrupt", "ConfigMap " + NAMESPACE + "/" + configMap + " has no "
            + DATA_KEY, null);
      }
      return new Versioned(decode(configMap, json), found.getMetadata().getResourceVersion());
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return new Versioned(null, null);
      }
      throw unavailable("read", configMap, e);
    }
  }

  @Override
  public boolean write(String namespace, String name, SimClusterState state, String expectedVersion)
      throws CloudException {
    String configMap = configMapName(namespace, name);
    try {
      if (state == null) {
        return expectedVersion == null || delete(configMap, expectedVersion);
      }
      V1ConfigMap desired = new V1ConfigMap()
          .metadata(new V1ObjectMeta().name(configMap).namespace(NAMESPACE).labels(LABELS)
              .resourceVersion(expectedVersion))
          .data(Map.of(DATA_KEY, codec.encode(state)));
      if (expectedVersion == null) {
        return create(desired);
      }
      core.replaceNamespacedConfigMap(configMap, NAMESPACE, desired).execute();
      return true;
    } catch (ApiException e) {
      if (e.getCode() == 409 || (e.getCode() == 404 && expectedVersion != null)) {
        // 409: someone wrote since we read; 404 on replace: someone deleted it. Either way: re-read.
        return false;
      }
      throw unavailable("write", configMap, e);
    }
  }

  private boolean create(V1ConfigMap desired) throws ApiException {
    try {
      core.createNamespacedConfigMap(NAMESPACE, desired).execute();
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      // Note: 404 on create means the namespace is missing (first use, or someone deleted it).
      createNamespace();
      core.createNamespacedConfigMap(NAMESPACE, desired).execute();
    }
    return true;
  }

  private boolean delete(String configMap, String expectedVersion) throws ApiException {
    try {
      core.deleteNamespacedConfigMap(configMap, NAMESPACE)
          .body(new V1DeleteOptions().preconditions(new V1Preconditions().resourceVersion(expectedVersion)))
          .execute();
      return true;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        // Gone already, but after we read it: someone else changed it; re-read to be sure of what they decided.
        return false;
      }
      throw e;
    }
  }

  private void createNamespace() throws ApiException {
    try {
      core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(NAMESPACE).labels(LABELS)))
          .execute();
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private SimClusterState decode(String configMap, String json) throws CloudException {
    try {
      return codec.decode(json);
    } catch (IllegalStateException e) {
      throw CloudException.permanent("StateCorrupt", "ConfigMap " + NAMESPACE + "/" + configMap + ": "
          + e.getMessage(), null);
    }
  }

  private static CloudException unavailable(String step, String configMap, ApiException e) {
    return new CloudException("StateStoreUnavailable", "cannot " + step + " simulated cloud state ConfigMap "
        + NAMESPACE + "/" + configMap + ": HTTP " + e.getCode(), null, true, Duration.ofSeconds(5), e);
  }
}
