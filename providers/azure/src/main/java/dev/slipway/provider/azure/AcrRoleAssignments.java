package dev.slipway.provider.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.fluent.RoleAssignmentsClient;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.UserAssignedIdentity;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.RegistryAccessService;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull access to an Azure Container Registry: an {@code AcrPull} role assignment on the registry for the managed
 * cluster's kubelet identity (the identity its nodes pull images with). The assignment's name is a deterministic
 * GUID of registry, role and cluster ({@link AksNames#roleAssignmentName}), so granting twice is one assignment and
 * revoking needs no lookup. The role definition is the built-in AcrPull by its fixed GUID and the principal is given
 * by object ID, so no call reaches Microsoft Graph.
 *
 * <p>A kubelet identity that AKS just created can be unknown to Azure RBAC for a while ({@code PrincipalNotFound}):
 * the grant answers {@code RETRY_LATER} until it replicates.
 */
final class AcrRoleAssignments implements RegistryAccessService {

  private static final Logger LOG = LoggerFactory.getLogger(AcrRoleAssignments.class);

  /** How soon to retry while a new kubelet identity replicates. */
  static final Duration PRINCIPAL_RETRY = Duration.ofSeconds(10);

  private final AzureClients clients;
  private final AksControlPlanes controlPlanes;

  AcrRoleAssignments(AzureClients clients, AksControlPlanes controlPlanes) {
    this.clients = clients;
    this.controlPlanes = controlPlanes;
  }

  @Override
  public boolean isGranted(ClusterTarget cluster, String registryId) throws CloudException {
    RoleAssignmentInner assignment = assignment(cluster, registryId);
    if (assignment == null) {
      return false;
    }
    String principal = kubeletObjectId(cluster);
    return principal != null && principal.equalsIgnoreCase(assignment.principalId());
  }

  @Override
  public OperationStatus grant(ClusterTarget cluster, String registryId) throws CloudException {
    String principal = kubeletObjectId(cluster);
    if (principal == null) {
      return OperationStatus.retryLater(clients.properties().pollInterval(), "KubeletIdentityPending",
          "AKS cluster " + AksNames.clusterName(cluster) + " has no kubelet identity yet");
    }
    String name = AksNames.roleAssignmentName(cluster, registryId);
    RoleAssignmentInner existing = assignment(cluster, registryId);
    if (existing != null) {
      if (principal.equalsIgnoreCase(existing.principalId())) {
        return OperationStatus.done();
      }
      // The cluster was recreated with a new kubelet identity: an assignment's principal cannot be changed.
      revoke(cluster, registryId);
    }
    try {
      client(registryId).createWithResponse(registryId, name, new RoleAssignmentCreateParameters()
          .withRoleDefinitionId(AksNames.acrPullRoleDefinitionId(registryId))
          .withPrincipalId(principal)
          .withPrincipalType(PrincipalType.SERVICE_PRINCIPAL)
          .withDescription("Slipway: AcrPull for the kubelet identity of Cluster " + cluster.key()), Context.NONE);
      LOG.info("Granted AcrPull on {} to the kubelet identity of Cluster {}", registryId, cluster.key());
      return OperationStatus.done();
    } catch (RuntimeException e) {
      CloudException failure = AzureErrors.map("grant AcrPull on " + registryId + " to the kubelet identity of "
          + "AKS cluster " + AksNames.clusterName(cluster), e);
      switch (failure.code()) {
        case "PrincipalNotFound":
          return OperationStatus.retryLater(PRINCIPAL_RETRY, "PrincipalNotFound", "the kubelet identity " + principal
              + " is not visible to Azure RBAC yet (new identities take a while to replicate)");
        case "RoleAssignmentExists":
          // Someone else gave the same identity AcrPull on the same registry: the nodes can pull.
          return OperationStatus.done();
        default:
          if (AzureErrors.isNotFound(e)) {
            throw CloudException.permanent("RegistryNotFound", "container registry " + registryId
                + " does not exist or Slipway's identity cannot see it: " + failure.getMessage(),
                failure.requestId());
          }
          throw failure;
      }
    }
  }

  @Override
  public OperationStatus revoke(ClusterTarget cluster, String registryId) throws CloudException {
    String name = AksNames.roleAssignmentName(cluster, registryId);
    try {
      client(registryId).deleteWithResponse(registryId, name, null, Context.NONE);
      LOG.info("Revoked AcrPull on {} from the kubelet identity of Cluster {}", registryId, cluster.key());
      return OperationStatus.done();
    } catch (RuntimeException e) {
      if (AzureErrors.isNotFound(e)) {
        return OperationStatus.done();
      }
      throw AzureErrors.map("revoke AcrPull on " + registryId + " from AKS cluster "
          + AksNames.clusterName(cluster), e);
    }
  }

  private RoleAssignmentInner assignment(ClusterTarget cluster, String registryId) throws CloudException {
    String name = AksNames.roleAssignmentName(cluster, registryId);
    try {
      return client(registryId).getWithResponse(registryId, name, null, Context.NONE).getValue();
    } catch (RuntimeException e) {
      if (AzureErrors.isNotFound(e)) {
        return null;
      }
      throw AzureErrors.map("read role assignment " + name + " on " + registryId, e);
    }
  }

  /** The object ID of the cluster's kubelet identity, or null while AKS has not created it. */
  private String kubeletObjectId(ClusterTarget cluster) throws CloudException {
    ManagedClusterInner managed = controlPlanes.get(cluster);
    if (managed == null || managed.identityProfile() == null) {
      return null;
    }
    UserAssignedIdentity kubelet = managed.identityProfile().get("kubeletidentity");
    return kubelet == null ? null : kubelet.objectId();
  }

  private RoleAssignmentsClient client(String registryId) {
    String[] parts = registryId.split("/");
    return clients.roleAssignments(parts.length > 2 ? parts[2].toLowerCase(Locale.ROOT) : "");
  }
}
