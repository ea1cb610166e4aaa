package dev.slipway.api.v1alpha1;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * Common shape of every Slipway kind as the official Kubernetes Java client sees it: apiVersion, kind, metadata, a
 * spec record and a status record. Subclasses only bind the spec and status types and the kind name.
 *
 * @param <S> the spec record
 * @param <T> the status record
 */
public abstract class SlipwayResource<S, T> implements KubernetesObject {

  public static final String GROUP = "slipway.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private String apiVersion = API_VERSION;
  private String kind;
  private V1ObjectMeta metadata = new V1ObjectMeta();
  private S spec;
  private T status;

  protected SlipwayResource(String kind) {
    this.kind = kind;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @Override
  public V1ObjectMeta getMetadata() {
    return metadata;
  }

  public void setMetadata(V1ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public S getSpec() {
    return spec;
  }

  public void setSpec(S spec) {
    this.spec = spec;
  }

  public T getStatus() {
    return status;
  }

  public void setStatus(T status) {
    this.status = status;
  }
}
