package dev.slipway.provider;

/**
 * Port: pull access from a managed cluster's nodes to a container registry (Azure: an AcrPull role assignment for
 * the kubelet identity; AWS: ECR read access for the node role).
 */
public interface RegistryAccessService {

  /** Whether the cluster's nodes can pull from the registry now. */
  boolean isGranted(ClusterTarget cluster, String registryId) throws CloudException;

  /** Grants pull access. MUST be idempotent. */
  OperationStatus grant(ClusterTarget cluster, String registryId) throws CloudException;

  /** Revokes pull access. MUST be idempotent. */
  OperationStatus revoke(ClusterTarget cluster, String registryId) throws CloudException;
}
