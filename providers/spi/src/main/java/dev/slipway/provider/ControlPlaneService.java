package dev.slipway.provider;

/** Port: a managed cluster's control plane (EKS cluster, AKS managed cluster, simulated control plane). */
public interface ControlPlaneService {

  /** What the cloud has for this cluster now; {@link ProvisioningPhase#ABSENT} when nothing. */
  ControlPlaneState observe(ClusterTarget cluster) throws CloudException;

  /**
   * Makes the control plane exist at {@code spec.version}: creates it when absent, upgrades it in place when older.
   * MUST be idempotent and MUST NOT downgrade.
   */
  OperationStatus ensure(ClusterTarget cluster) throws CloudException;

  /** Deletes the control plane; DONE once the cloud confirms it is gone. MUST be idempotent. */
  OperationStatus delete(ClusterTarget cluster) throws CloudException;

  /**
   * A kubeconfig for the cluster with the shortest-lived credentials the cloud offers. Called only when the control
   * plane is READY. The result is a secret: it MUST NOT be logged.
   */
  Kubeconfig kubeconfig(ClusterTarget cluster) throws CloudException;
}
