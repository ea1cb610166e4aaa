package dev.slipway.api.v1alpha1;

import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.openapi.models.V1ListMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of one Slipway kind, as the API server returns it to the official client's generic API and informers.
 *
 * @param <R> the item type
 */
public abstract class SlipwayResourceList<R extends SlipwayResource<?, ?>> implements KubernetesListObject {

  private String apiVersion = SlipwayResource.API_VERSION;
  private String kind;
  private V1ListMeta metadata = new V1ListMeta();
  private List<R> items = new ArrayList<>();

  protected SlipwayResourceList(String kind) {
    this.kind = kind;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  @Override
  public V1ListMeta getMetadata() {
    return metadata;
  }

  @Override
  public List<R> getItems() {
    return items;
  }
}
