package dev.slipway.api.v1alpha1;

/** One managed workload cluster (EKS, AKS or simulated). */
public final class Cluster extends SlipwayResource<ClusterSpec, ClusterStatus> {

  public static final String KIND = "Cluster";
  public static final String PLURAL = "clusters";

  public Cluster() {
    super(KIND);
  }

  /** The list type the API server returns for {@link Cluster}. */
  public static final class List extends SlipwayResourceList<Cluster> {
    public List() {
      super(KIND + "List");
    }
  }
}
