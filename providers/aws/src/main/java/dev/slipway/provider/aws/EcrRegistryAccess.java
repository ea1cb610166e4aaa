package dev.slipway.provider.aws;

import dev.slipway.api.v1alpha1.AwsClusterSpec;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.RegistryAccessService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * ECR pull access for a cluster's nodes: one inline policy ({@link EcrPullPolicy}) per registry on the node role
 * ({@code spec.aws.nodeRoleArn}). Granted means "the policy exists"; grant puts it (idempotent: IAM replaces a
 * policy of the same name); revoke deletes it ({@code NoSuchEntity}: already gone).
 *
 * <p>Note: the policy name depends on the registry only, so Clusters that share a node role share the policy: a
 * revoke by one removes the access of all of them. Give each Cluster its own node role.
 */
final class EcrRegistryAccess implements RegistryAccessService {

  private static final Logger LOG = LoggerFactory.getLogger(EcrRegistryAccess.class);

  private final AwsClients clients;

  EcrRegistryAccess(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public boolean isGranted(ClusterTarget cluster, String registryId) throws CloudException {
    String role = role(cluster);
    String policy = EcrPullPolicy.policyName(registryId);
    EcrPullPolicy.resource(registryId);
    try {
      clients.iam(cluster.identity()).getRolePolicy(r -> r.roleName(role).policyName(policy));
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    } catch (SdkException e) {
      throw AwsErrors.map("read policy " + policy + " of role " + role, e);
    }
  }

  @Override
  public OperationStatus grant(ClusterTarget cluster, String registryId) throws CloudException {
    String role = role(cluster);
    String policy = EcrPullPolicy.policyName(registryId);
    String document = EcrPullPolicy.document(registryId);
    try {
      clients.iam(cluster.identity())
          .putRolePolicy(r -> r.roleName(role).policyName(policy).policyDocument(document));
      LOG.info("Granted ECR pull from {} to node role {} of Cluster {} (policy {})", registryId, role,
          cluster.key(), policy);
      return OperationStatus.done();
    } catch (SdkException e) {
      throw AwsErrors.map("put policy " + policy + " on role " + role, e);
    }
  }

  @Override
  public OperationStatus revoke(ClusterTarget cluster, String registryId) throws CloudException {
    String role = role(cluster);
    String policy = EcrPullPolicy.policyName(registryId);
    try {
      clients.iam(cluster.identity()).deleteRolePolicy(r -> r.roleName(role).policyName(policy));
      LOG.info("Revoked ECR pull from {} for node role {} of Cluster {}", registryId, role, cluster.key());
      return OperationStatus.done();
    } catch (NoSuchEntityException e) {
      return OperationStatus.done();
    } catch (SdkException e) {
      throw AwsErrors.map("delete policy " + policy + " of role " + role, e);
    }
  }

  private static String role(ClusterTarget cluster) throws CloudException {
    AwsClusterSpec aws = cluster.spec().aws();
    if (aws == null || aws.nodeRoleArn() == null) {
      throw CloudException.permanent("InvalidParameter", "Cluster " + cluster.key()
          + " has no spec.aws.nodeRoleArn to grant registry access to", null);
    }
    return EcrPullPolicy.roleName(aws.nodeRoleArn());
  }
}
