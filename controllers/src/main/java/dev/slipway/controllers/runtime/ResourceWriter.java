package dev.slipway.controllers.runtime;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfig;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.SlipwayResource;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The only way controllers write Slipway objects. Every write carries the resourceVersion the decision was made
 * from, so a write based on a stale cache fails with 409 and the pass is simply requeued (never a blind overwrite).
 * Status is written with PUT on the status subresource: client-java 24's {@code updateStatus} sends a patch the API
 * server refuses with 415, and a patch would carry no resourceVersion precondition anyway.
 */
@Component
public class ResourceWriter {

  private final Map<Class<?>, GenericKubernetesApi<?, ?>> apis;
  private final Map<Class<?>, String> plurals;
  private final CustomObjectsApi customObjects;

  public ResourceWriter(@Qualifier("apiClient") ApiClient apiClient) {
    this.customObjects = new CustomObjectsApi(apiClient);
    this.apis = Map.of(
        Cluster.class, api(apiClient, Cluster.class, Cluster.List.class, Cluster.PLURAL),
        Nodepool.class, api(apiClient, Nodepool.class, Nodepool.List.class, Nodepool.PLURAL),
        MachinePool.class, api(apiClient, MachinePool.class, MachinePool.List.class, MachinePool.PLURAL),
        ClusterAdditionalConfig.class, api(apiClient, ClusterAdditionalConfig.class,
            ClusterAdditionalConfig.List.class, ClusterAdditionalConfig.PLURAL));
    this.plurals = Map.of(Cluster.class, Cluster.PLURAL, Nodepool.class, Nodepool.PLURAL, MachinePool.class,
        MachinePool.PLURAL, ClusterAdditionalConfig.class, ClusterAdditionalConfig.PLURAL);
  }

  private static <T extends SlipwayResource<?, ?>, L extends KubernetesListObject> GenericKubernetesApi<T, L> api(
      ApiClient client, Class<T> type, Class<L> list, String plural) {
    return new GenericKubernetesApi<>(type, list, SlipwayResource.GROUP, SlipwayResource.VERSION, plural, client);
  }

  /** Creates an object; returns the stored object. 409 AlreadyExists is thrown: the caller's cache is behind. */
  public <T extends SlipwayResource<?, ?>> T create(T object) {
    return unwrap(typed(object).create(object), "create", object);
  }

  /** Replaces spec and metadata (e.g. finalizers) with a resourceVersion precondition. */
  public <T extends SlipwayResource<?, ?>> T update(T object) {
    return unwrap(typed(object).update(object), "update", object);
  }

  /** Replaces status with a resourceVersion precondition. */
  public void updateStatus(SlipwayResource<?, ?> object) {
    try {
      customObjects.replaceNamespacedCustomObjectStatus(SlipwayResource.GROUP, SlipwayResource.VERSION,
          object.getMetadata().getNamespace(), plurals.get(object.getClass()), object.getMetadata().getName(),
          object).execute();
    } catch (ApiException e) {
      throw new WriteFailedException("update status of", object, e);
    }
  }

  /** Deletes an object; an object already gone counts as deleted. */
  public <T extends SlipwayResource<?, ?>> void delete(Class<T> type, String namespace, String name) {
    KubernetesApiResponse<?> response = apis.get(type).delete(namespace, name);
    if (!response.isSuccess() && response.getHttpStatusCode() != 404) {
      throw new WriteFailedException("delete " + type.getSimpleName() + " " + namespace + "/" + name + ": HTTP "
          + response.getHttpStatusCode() + " " + response.getStatus());
    }
  }

  @SuppressWarnings("unchecked")
  private <T extends SlipwayResource<?, ?>> GenericKubernetesApi<T, ?> typed(T object) {
    return (GenericKubernetesApi<T, ?>) apis.get(object.getClass());
  }

  private static <T extends SlipwayResource<?, ?>> T unwrap(KubernetesApiResponse<T> response, String verb,
      T object) {
    if (!response.isSuccess()) {
      throw new WriteFailedException(verb + " " + object.getKind() + " " + object.getMetadata().getNamespace() + "/"
          + object.getMetadata().getName() + ": HTTP " + response.getHttpStatusCode() + " "
          + (response.getStatus() == null ? "" : response.getStatus().getMessage()),
          response.getHttpStatusCode());
    }
    return response.getObject();
  }
}
