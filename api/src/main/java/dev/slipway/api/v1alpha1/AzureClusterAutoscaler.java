package dev.slipway.api.v1alpha1;

/** The cluster-autoscaler profile of one AKS cluster, child of a ClusterAdditionalConfig. */
public final class AzureClusterAutoscaler
    extends SlipwayResource<AzureClusterAutoscalerSpec, AzureClusterAutoscalerStatus> {

  public static final String KIND = "AzureClusterAutoscaler";
  public static final String PLURAL = "azureclusterautoscalers";

  public AzureClusterAutoscaler() {
    super(KIND);
  }

  /** The list type the API server returns for {@link AzureClusterAutoscaler}. */
  public static final class List extends SlipwayResourceList<AzureClusterAutoscaler> {
    public List() {
      super(KIND + "List");
    }
  }
}
