package dev.slipway.testing.azure;

/** The long-running operations the fake accepts, with the words AKS uses for them and the state they show. */
public enum OperationKind {
  CREATE_CLUSTER("create managed cluster", "Creating"),
  UPDATE_CLUSTER("update managed cluster", "Updating"),
  UPGRADE_CLUSTER("upgrade managed cluster", "Upgrading"),
  ROTATE_CERTIFICATES("rotate cluster certificates", "Updating"),
  DELETE_CLUSTER("delete managed cluster", "Deleting"),
  CREATE_POOL("create agent pool", "Creating"),
  UPDATE_POOL("update agent pool", "Updating"),
  SCALE_POOL("scale agent pool", "Scaling"),
  UPGRADE_POOL("upgrade agent pool", "Upgrading"),
  DELETE_POOL("delete agent pool", "Deleting");

  private final String description;
  private final String provisioningState;

  OperationKind(String description, String provisioningState) {
    this.description = description;
    this.provisioningState = provisioningState;
  }

  /** As AKS names it in its "in progress ... operation" conflict messages. */
  public String description() {
    return description;
  }

  /** The provisioningState the target shows while the operation runs. */
  public String provisioningState() {
    return provisioningState;
  }

  public boolean onAgentPool() {
    return ordinal() >= CREATE_POOL.ordinal();
  }
}
