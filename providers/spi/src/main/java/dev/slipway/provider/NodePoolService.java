package dev.slipway.provider;

import java.util.List;

/**
 * Port: a managed cluster's node pools (EKS managed node groups, AKS agent pools, simulated pools).
 *
 * <p>Field classification every provider documents: {@code template} and {@code version} are fixed at creation
 * (Slipway replaces the pool to change them); {@code replicas}/{@code autoscaling}, {@code nodeLabels},
 * {@code taints} and {@code mode} are applied in place by {@link #ensure}.
 */
public interface NodePoolService {

  /** The pool as the cloud reports it; {@link ProvisioningPhase#ABSENT} when it does not exist. */
  NodePoolState observe(ClusterTarget cluster, String cloudPoolName) throws CloudException;

  /**
   * Makes the pool exist as desired: creates it when absent; when present, applies the in-place fields that differ
   * and never touches {@code template} or {@code version} (a difference there is reported by {@link #observe} and
   * handled by replacement). With autoscaling, the node count belongs to the cloud's autoscaler and is not set.
   * MUST be idempotent.
   */
  OperationStatus ensure(ClusterTarget cluster, NodePoolSpec desired) throws CloudException;

  /** Deletes the pool and its machines; DONE once the cloud confirms it is gone. MUST be idempotent. */
  OperationStatus delete(ClusterTarget cluster, String cloudPoolName) throws CloudException;

  /** Names of every pool the cloud has for the cluster, whoever created them. */
  List<String> list(ClusterTarget cluster) throws CloudException;
}
