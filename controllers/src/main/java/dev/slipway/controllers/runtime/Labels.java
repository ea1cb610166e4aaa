package dev.slipway.controllers.runtime;

/** Labels and annotations Slipway puts on the objects it creates. */
public final class Labels {

  /** On MachinePools and kubeconfig Secrets: the name of the Cluster, in the same namespace. */
  public static final String CLUSTER = "slipway.dev/cluster";
  /** On MachinePools: the name of the Nodepool that created it. */
  public static final String NODEPOOL = "slipway.dev/nodepool";
  /** On MachinePools: the template hash the pool was created for. */
  public static final String TEMPLATE_HASH = "slipway.dev/template-hash";
  /** On MachinePools: how many times a pool of that template hash was replaced because it drifted (0 first). */
  public static final String REPLACEMENT = "slipway.dev/replacement";
  /** On kubeconfig Secrets: marks a Secret Slipway writes (the controllers watch only Secrets with it). */
  public static final String KUBECONFIG_SECRET = "slipway.dev/kubeconfig";
  /** Finalizer of every Slipway kind: the object is gone only when its cloud resources are. */
  public static final String FINALIZER = "slipway.dev/finalizer";

  private Labels() {
  }
}
