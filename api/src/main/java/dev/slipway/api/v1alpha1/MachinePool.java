package dev.slipway.api.v1alpha1;

/** Exactly one cloud node pool: an EKS managed node group, an AKS agent pool or a simulated pool. */
public final class MachinePool extends SlipwayResource<MachinePoolSpec, MachinePoolStatus> {

  public static final String KIND = "MachinePool";
  public static final String PLURAL = "machinepools";

  public MachinePool() {
    super(KIND);
  }

  /** The list type the API server returns for {@link MachinePool}. */
  public static final class List extends SlipwayResourceList<MachinePool> {
    public List() {
      super(KIND + "List");
    }
  }
}
