package dev.slipway.provider.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.CredentialResultsInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.ContainerServiceNetworkProfile;
import com.azure.resourcemanager.containerservice.models.CredentialResult;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.ManagedClusterSku;
import com.azure.resourcemanager.containerservice.models.ManagedClusterSkuName;
import com.azure.resourcemanager.containerservice.models.ManagedClusterSkuTier;
import com.azure.resourcemanager.containerservice.models.NetworkPlugin;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import dev.slipway.api.v1alpha1.AzureClusterSpec;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.ControlPlaneService;
import dev.slipway.provider.ControlPlaneState;
import dev.slipway.provider.Kubeconfig;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AKS managed clusters as Slipway control planes. Names: {@link AksNames}. Every call first reads the cluster and
 * refuses one whose ownership tag names another Slipway Cluster (or that has none): Slipway never adopts, upgrades or
 * deletes a managed cluster it did not create.
 *
 * <p>AKS creates a cluster only together with at least one System agent pool, so creation takes the System pools of
 * the Cluster's Nodepools ({@link #ensure(ClusterTarget, List)}); the pools are created under the names their
 * MachinePools will have, so the MachinePools find them instead of creating them again. Upgrades PUT the cluster
 * with {@code agentPoolProfiles} omitted, which upgrades the control plane only: node pools are replaced, never
 * upgraded in place.
 */
final class AksControlPlanes implements ControlPlaneService {

  private static final Logger LOG = LoggerFactory.getLogger(AksControlPlanes.class);

  private final AzureClients clients;
  private final AksOperationGate gate;
  private final Clock clock;
  private final Duration poll;

  AksControlPlanes(AzureClients clients, AksOperationGate gate, Clock clock) {
    this.clients = clients;
    this.gate = gate;
    this.clock = clock;
    this.poll = clients.properties().pollInterval();
  }

  @Override
  public ControlPlaneState observe(ClusterTarget cluster) throws CloudException {
    ManagedClusterInner managed = get(cluster);
    if (managed == null) {
      return ControlPlaneState.absent();
    }
    return new ControlPlaneState(AgentPoolFields.phase(managed.provisioningState()), managed.provisioningState(),
        reportedVersion(managed, cluster.spec().version()), managed.fqdn() == null ? null
            : "https://" + managed.fqdn() + ":443", managed.id(),
        AgentPoolFields.phase(managed.provisioningState()) == ProvisioningPhase.FAILED
            ? AgentPoolFields.failure("the managed cluster", managed.status() == null ? null
                : managed.status().provisioningError()) : null);
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster) throws CloudException {
    return ensure(cluster, List.of());
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster, List<NodePoolSpec> initialPools) throws CloudException {
    String name = AksNames.clusterName(cluster);
    ManagedClusterInner managed = get(cluster);
    if (managed == null) {
      return create(cluster, name, initialPools);
    }
    switch (AgentPoolFields.phase(managed.provisioningState())) {
      case CREATING:
        return OperationStatus.inProgress(poll, "ControlPlaneCreating", "AKS cluster " + name + " is Creating");
      case UPDATING:
        return OperationStatus.inProgress(poll, "ControlPlaneUpdating", "AKS cluster " + name + " is "
            + managed.provisioningState());
      case DELETING:
        return OperationStatus.retryLater(poll, "ControlPlaneDeleting", "AKS cluster " + name
            + " is being deleted; it is created again once it is gone");
      case FAILED:
        // AKS repairs a Failed cluster with a PUT of its own model (what "az aks update" with no change does).
        return put(cluster, name, prepareUpdate(managed), "reconcile failed AKS cluster " + name,
            "ControlPlaneUpdating");
      case READY:
      default:
        return updateIfNeeded(cluster, name, managed);
    }
  }

  @Override
  public OperationStatus delete(ClusterTarget cluster) throws CloudException {
    String name = AksNames.clusterName(cluster);
    ManagedClusterInner managed = get(cluster);
    if (managed == null) {
      return OperationStatus.done();
    }
    if (AgentPoolFields.phase(managed.provisioningState()) == ProvisioningPhase.DELETING) {
      return OperationStatus.inProgress(poll, "ControlPlaneDeleting", "AKS cluster " + name + " is Deleting");
    }
    try {
      // Not through the gate: deleting the cluster ends whatever runs on it, and a pool stuck in an operation must
      // never keep its cluster alive.
      clients.managedClusters(AksNames.subscription(cluster))
          .beginDelete(AksNames.resourceGroup(cluster), name, null, Context.NONE);
      LOG.info("Deleting AKS cluster {} of Cluster {}", name, cluster.key());
      return OperationStatus.inProgress(poll, "ControlPlaneDeleting", "deleting AKS cluster " + name);
    } catch (RuntimeException e) {
      if (AzureErrors.isNotFound(e)) {
        return OperationStatus.done();
      }
      if (AzureErrors.isBusy(e)) {
        return OperationStatus.retryLater(poll, "ClusterBusy", "AKS cluster " + name + " cannot be deleted now: "
            + AzureErrors.map("delete", e).getMessage());
      }
      throw AzureErrors.map("delete AKS cluster " + name, e);
    }
  }

  /**
   * The cluster-admin kubeconfig AKS issues ({@code listClusterAdminCredential}). Its client certificate lives as
   * long as AKS's cluster certificates, which an operator may rotate at any time: it is read again after
   * {@code slipway.providers.azure.kubeconfig-recheck} (the Cluster controller writes the Secret when it is due).
   */
  @Override
  public Kubeconfig kubeconfig(ClusterTarget cluster) throws CloudException {
    String name = AksNames.clusterName(cluster);
    try {
      CredentialResultsInner results = clients.managedClusters(AksNames.subscription(cluster))
          .listClusterAdminCredentialsWithResponse(AksNames.resourceGroup(cluster), name, null, Context.NONE)
          .getValue();
      List<CredentialResult> kubeconfigs = results == null || results.kubeconfigs() == null ? List.of()
          : results.kubeconfigs();
      if (kubeconfigs.isEmpty() || kubeconfigs.get(0).value() == null) {
        throw CloudException.retryable("NoCredentials", "AKS returned no kubeconfig for cluster " + name, null, poll);
      }
      return new Kubeconfig(new String(kubeconfigs.get(0).value(), StandardCharsets.UTF_8),
          clock.instant().plus(clients.properties().kubeconfigRecheck()));
    } catch (RuntimeException e) {
      throw AzureErrors.map("read the admin credentials of AKS cluster " + name, e);
    }
  }

  /** The Kubernetes version to report: Slipway's spelling when AKS runs that minor without a patch asked for. */
  static String reportedVersion(ManagedClusterInner managed, String slipwaySpelling) {
    String current = managed.currentKubernetesVersion() != null ? managed.currentKubernetesVersion()
        : managed.kubernetesVersion();
    if (current == null) {
      return null;
    }
    if (slipwaySpelling != null && slipwaySpelling.split("\\.").length == 2
        && minor(current) == minor(slipwaySpelling)) {
      return slipwaySpelling;
    }
    return current;
  }

  /** The minor number: {@code 1.33} and {@code 1.33.2} give 33. */
  static int minor(String version) {
    String[] parts = version.split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not a Kubernetes version: " + version);
    }
    return Integer.parseInt(parts[1]);
  }

  /** The body of a new managed cluster. Pure. */
  static ManagedClusterInner newCluster(ClusterTarget cluster, List<NodePoolSpec> initialPools)
      throws CloudException {
    AzureClusterSpec azure = AksNames.azure(cluster);
    List<ManagedClusterAgentPoolProfile> profiles = new ArrayList<>();
    for (NodePoolSpec pool : initialPools) {
      profiles.add(AgentPoolFields.profile(pool));
    }
    return new ManagedClusterInner()
        .withLocation(cluster.spec().region())
        .withTags(AksNames.clusterTags(cluster))
        .withDnsPrefix(AksNames.dnsPrefix(cluster))
        .withKubernetesVersion(cluster.spec().version())
        .withEnableRbac(true)
        .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.SYSTEM_ASSIGNED))
        .withSku(new ManagedClusterSku().withName(ManagedClusterSkuName.BASE).withTier(tier(azure)))
        .withNetworkProfile(new ContainerServiceNetworkProfile().withNetworkPlugin(networkPlugin(azure)))
        .withAgentPoolProfiles(profiles);
  }

  private OperationStatus create(ClusterTarget cluster, String name, List<NodePoolSpec> initialPools)
      throws CloudException {
    List<NodePoolSpec> system = initialPools.stream().filter(p -> p.mode() == NodepoolMode.System).toList();
    if (system.isEmpty()) {
      return OperationStatus.retryLater(poll, "NoSystemNodepool", "AKS creates a cluster only together with a "
          + "System agent pool: add a Nodepool with mode: System for Cluster " + cluster.key());
    }
    ManagedClusterInner body = newCluster(cluster, system);
    OperationStatus status = put(cluster, name, body, "create AKS cluster " + name, "ControlPlaneCreating");
    if (status.kind() != OperationStatus.Kind.RETRY_LATER) {
      LOG.info("Creating AKS cluster {} at {} with System pools {} for Cluster {}", name, cluster.spec().version(),
          system.stream().map(NodePoolSpec::cloudPoolName).toList(), cluster.key());
    }
    return status;
  }

  private OperationStatus updateIfNeeded(ClusterTarget cluster, String name, ManagedClusterInner managed)
      throws CloudException {
    String running = managed.currentKubernetesVersion() != null ? managed.currentKubernetesVersion()
        : managed.kubernetesVersion();
    int actual = minor(running);
    int desired = minor(cluster.spec().version());
    if (desired < actual) {
      throw CloudException.permanent("OperationNotAllowed", "AKS cluster " + name + " runs " + running
          + "; spec.version " + cluster.spec().version() + " would be a downgrade, which AKS cannot do", null);
    }
    ManagedClusterSkuTier tier = tier(AksNames.azure(cluster));
    boolean tierDiffers = managed.sku() != null && managed.sku().tier() != null && !tier.equals(managed.sku().tier());
    if (desired == actual && !tierDiffers) {
      return OperationStatus.done();
    }
    ManagedClusterInner body = prepareUpdate(managed);
    String what;
    if (desired > actual) {
      // AKS upgrades the control plane one minor at a time; the CRD refuses bigger steps already.
      String next = desired == actual + 1 ? cluster.spec().version() : "1." + (actual + 1);
      body.withKubernetesVersion(next);
      what = "upgrade AKS cluster " + name + " from " + running + " to " + next;
    } else {
      what = "change the pricing tier of AKS cluster " + name + " to " + tier;
    }
    body.withSku(new ManagedClusterSku().withName(ManagedClusterSkuName.BASE).withTier(tier));
    OperationStatus status = put(cluster, name, body, what, "ControlPlaneUpdating");
    if (status.kind() == OperationStatus.Kind.IN_PROGRESS) {
      LOG.info("{} for Cluster {}", what, cluster.key());
    }
    return status;
  }

  /** The cluster as read, ready to PUT back: pools left out so that only the control plane changes. */
  static ManagedClusterInner prepareUpdate(ManagedClusterInner managed) {
    return managed.withAgentPoolProfiles(null);
  }

  private OperationStatus put(ClusterTarget cluster, String name, ManagedClusterInner body, String what,
      String reason) throws CloudException {
    ManagedClustersClient client = clients.managedClusters(AksNames.subscription(cluster));
    return gate.start(cluster, what, () -> {
      // The poller is dropped: the first response starts the operation, observe() follows provisioningState.
      client.beginCreateOrUpdate(AksNames.resourceGroup(cluster), name, body, null, null, Context.NONE);
      return OperationStatus.inProgress(poll, reason, what);
    });
  }

  /** The managed cluster, or null when absent. Refuses one that another Slipway Cluster (or no Slipway) owns. */
  ManagedClusterInner get(ClusterTarget cluster) throws CloudException {
    String name = AksNames.clusterName(cluster);
    ManagedClusterInner managed;
    try {
      managed = clients.managedClusters(AksNames.subscription(cluster))
          .getByResourceGroupWithResponse(AksNames.resourceGroup(cluster), name, Context.NONE).getValue();
    } catch (RuntimeException e) {
      if (AzureErrors.isNotFound(e)) {
        return null;
      }
      throw AzureErrors.map("read AKS cluster " + name, e);
    }
    String owner = managed.tags() == null ? null : managed.tags().get(AksNames.CLUSTER_TAG);
    if (!AksNames.owner(cluster).equals(owner)) {
      throw CloudException.permanent("ClusterNotOwned", "AKS cluster " + name + " in resource group "
          + AksNames.resourceGroup(cluster) + " exists but " + (owner == null ? "was not created by Slipway"
              : "belongs to Slipway Cluster " + owner) + " (tag " + AksNames.CLUSTER_TAG + "); Slipway does not "
          + "adopt it", null);
    }
    return managed;
  }

  static ManagedClusterSkuTier tier(AzureClusterSpec azure) {
    AzureClusterSpec.SkuTier tier = azure.skuTier() == null ? AzureClusterSpec.SkuTier.Free : azure.skuTier();
    switch (tier) {
      case Standard:
        return ManagedClusterSkuTier.STANDARD;
      case Premium:
        return ManagedClusterSkuTier.PREMIUM;
      case Free:
      default:
        return ManagedClusterSkuTier.FREE;
    }
  }

  static NetworkPlugin networkPlugin(AzureClusterSpec azure) {
    AzureClusterSpec.NetworkPlugin plugin = azure.networkPlugin() == null ? AzureClusterSpec.NetworkPlugin.AZURE
        : azure.networkPlugin();
    switch (plugin) {
      case KUBENET:
        return NetworkPlugin.KUBENET;
      case NONE:
        return NetworkPlugin.NONE;
      case AZURE:
      default:
        return NetworkPlugin.AZURE;
    }
  }
}
