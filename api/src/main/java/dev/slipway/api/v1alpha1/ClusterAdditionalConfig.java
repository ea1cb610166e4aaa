package dev.slipway.api.v1alpha1;

/** Companion configuration that makes a managed cluster workload-ready (registry pull access, autoscaler profile). */
public final class ClusterAdditionalConfig
    extends SlipwayResource<ClusterAdditionalConfigSpec, ChildResourceStatus> {

  public static final String KIND = "ClusterAdditionalConfig";
  public static final String PLURAL = "clusteradditionalconfigs";

  public ClusterAdditionalConfig() {
    super(KIND);
  }

  /** The list type the API server returns for {@link ClusterAdditionalConfig}. */
  public static final class List extends SlipwayResourceList<ClusterAdditionalConfig> {
    public List() {
      super(KIND + "List");
    }
  }
}
