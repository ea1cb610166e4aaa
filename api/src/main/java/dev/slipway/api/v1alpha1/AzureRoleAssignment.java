package dev.slipway.api.v1alpha1;

/** An Azure role assignment (AcrPull for the kubelet identity), child of a ClusterAdditionalConfig. */
public final class AzureRoleAssignment extends SlipwayResource<AzureRoleAssignmentSpec, AzureRoleAssignmentStatus> {

  public static final String KIND = "AzureRoleAssignment";
  public static final String PLURAL = "azureroleassignments";

  public AzureRoleAssignment() {
    super(KIND);
  }

  /** The list type the API server returns for {@link AzureRoleAssignment}. */
  public static final class List extends SlipwayResourceList<AzureRoleAssignment> {
    public List() {
      super(KIND + "List");
    }
  }
}
