package dev.slipway.provider;

import java.util.List;

/** Port: a managed cluster's control plane (EKS cluster, AKS managed cluster, simulated control plane). */
public interface ControlPlaneService {

  /** What the cloud has for this cluster now; {@link ProvisioningPhase#ABSENT} when nothing. */
  ControlPlaneState observe(ClusterTarget cluster) throws CloudException;

  /**
   * Makes the control plane exist at {@code spec.version}: creates it when absent, upgrades it in place when older.
   * MUST be idempotent and MUST NOT downgrade.
   */
  OperationStatus ensure(ClusterTarget cluster) throws CloudException;

  /**
   * As {@link #ensure(ClusterTarget)}, for a cloud that creates a cluster only together with some of its pools (AKS:
   * at least one System pool). {@code initialPools} are the pools the Cluster's System Nodepools will ask for, under
   * the names their MachinePools will have, so that the MachinePools find them created. A provider that creates them
   * MUST create them exactly as {@link NodePoolService#ensure} would; a cloud that needs none ignores them (the
   * default).
   */
  default OperationStatus ensure(ClusterTarget cluster, List<NodePoolSpec> initialPools) throws CloudException {
    return ensure(cluster);
  }

  /** Deletes the control plane; DONE once the cloud confirms it is gone. MUST be idempotent. */
  OperationStatus delete(ClusterTarget cluster) throws CloudException;

  /**
   * A kubeconfig for the cluster with the shortest-lived credentials the cloud offers. Called only when the control
   * plane is READY. The result is a secret: it MUST NOT be logged.
   */
  Kubeconfig kubeconfig(ClusterTarget cluster) throws CloudException;
}
