package dev.slipway.api.v1alpha1;

/** A user-facing node pool whose replacement-forcing changes are rolled out as new MachinePools. */
public final class Nodepool extends SlipwayResource<NodepoolSpec, NodepoolStatus> {

  public static final String KIND = "Nodepool";
  public static final String PLURAL = "nodepools";

  public Nodepool() {
    super(KIND);
  }

  /** The list type the API server returns for {@link Nodepool}. */
  public static final class List extends SlipwayResourceList<Nodepool> {
    public List() {
      super(KIND + "List");
    }
  }
}
