package dev.slipway.provider.azure;

import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.Expander;
import com.azure.resourcemanager.containerservice.models.ManagedClusterPropertiesAutoScalerProfile;
import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.provider.AutoscalerProfileService;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.OperationStatus;

/**
 * The AKS cluster-autoscaler profile ({@code properties.autoScalerProfile} of the managed cluster), every setting AKS
 * exposes. AKS fills every setting a request leaves out with its default, so the provider compares and reports
 * <em>effective</em> profiles: {@link #effective} fills the same defaults ({@link #AKS_DEFAULTS}, from the AKS
 * documentation) into a desired profile. Applying it is a PUT of the managed cluster (pools left out), a cluster
 * operation serialised by the {@link AksOperationGate} like every other.
 */
final class AksAutoscalerProfiles implements AutoscalerProfileService {

  /** AKS's documented defaults for every setting of the profile. */
  static final AutoscalerProfile AKS_DEFAULTS = new AutoscalerProfile(false, false, true,
      AutoscalerProfile.Expander.RANDOM, false, 10, 600, "15m", 45, "0s", 3, "10s", "10m", "10s", "3m", "10m", "20m",
      "0.5", false, true);

  private final AzureClients clients;
  private final AksControlPlanes controlPlanes;
  private final AksOperationGate gate;

  AksAutoscalerProfiles(AzureClients clients, AksControlPlanes controlPlanes, AksOperationGate gate) {
    this.clients = clients;
    this.controlPlanes = controlPlanes;
    this.gate = gate;
  }

  @Override
  public boolean supported() {
    return true;
  }

  /** The effective profile AKS has: every setting, AKS's defaults included. */
  @Override
  public AutoscalerProfile observe(ClusterTarget cluster) throws CloudException {
    ManagedClusterInner managed = controlPlanes.get(cluster);
    if (managed == null) {
      throw CloudException.retryable("ClusterNotFound", "AKS cluster " + AksNames.clusterName(cluster)
          + " does not exist", null, clients.properties().pollInterval());
    }
    return effective(fromAks(managed.autoScalerProfile()));
  }

  @Override
  public AutoscalerProfile effective(AutoscalerProfile desired) {
    if (desired == null) {
      return AKS_DEFAULTS;
    }
    AutoscalerProfile d = AKS_DEFAULTS;
    return new AutoscalerProfile(
        or(desired.balanceSimilarNodeGroups(), d.balanceSimilarNodeGroups()),
        or(desired.daemonsetEvictionForEmptyNodes(), d.daemonsetEvictionForEmptyNodes()),
        or(desired.daemonsetEvictionForOccupiedNodes(), d.daemonsetEvictionForOccupiedNodes()),
        or(desired.expander(), d.expander()),
        or(desired.ignoreDaemonsetsUtilization(), d.ignoreDaemonsetsUtilization()),
        or(desired.maxEmptyBulkDelete(), d.maxEmptyBulkDelete()),
        or(desired.maxGracefulTerminationSec(), d.maxGracefulTerminationSec()),
        or(desired.maxNodeProvisionTime(), d.maxNodeProvisionTime()),
        or(desired.maxTotalUnreadyPercentage(), d.maxTotalUnreadyPercentage()),
        or(desired.newPodScaleUpDelay(), d.newPodScaleUpDelay()),
        or(desired.okTotalUnreadyCount(), d.okTotalUnreadyCount()),
        or(desired.scanInterval(), d.scanInterval()),
        or(desired.scaleDownDelayAfterAdd(), d.scaleDownDelayAfterAdd()),
        or(desired.scaleDownDelayAfterDelete(), d.scaleDownDelayAfterDelete()),
        or(desired.scaleDownDelayAfterFailure(), d.scaleDownDelayAfterFailure()),
        or(desired.scaleDownUnneededTime(), d.scaleDownUnneededTime()),
        or(desired.scaleDownUnreadyTime(), d.scaleDownUnreadyTime()),
        or(desired.scaleDownUtilizationThreshold(), d.scaleDownUtilizationThreshold()),
        or(desired.skipNodesWithLocalStorage(), d.skipNodesWithLocalStorage()),
        or(desired.skipNodesWithSystemPods(), d.skipNodesWithSystemPods()));
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster, AutoscalerProfile profile) throws CloudException {
    ManagedClusterInner managed = controlPlanes.get(cluster);
    String name = AksNames.clusterName(cluster);
    if (managed == null) {
      throw CloudException.retryable("ClusterNotFound", "AKS cluster " + name + " does not exist", null,
          clients.properties().pollInterval());
    }
    AutoscalerProfile wanted = effective(profile);
    if (wanted.equals(effective(fromAks(managed.autoScalerProfile())))) {
      return OperationStatus.done();
    }
    if (!AgentPoolFields.terminal(managed.provisioningState())) {
      return OperationStatus.inProgress(clients.properties().pollInterval(), "ClusterUpdating", "AKS cluster "
          + name + " is " + managed.provisioningState());
    }
    ManagedClusterInner body = AksControlPlanes.prepareUpdate(managed).withAutoScalerProfile(toAks(wanted));
    String what = "apply the cluster-autoscaler profile to AKS cluster " + name;
    return gate.start(cluster, what, () -> {
      clients.managedClusters(AksNames.subscription(cluster)).beginCreateOrUpdate(AksNames.resourceGroup(cluster),
          name, body, null, null, com.azure.core.util.Context.NONE);
      return OperationStatus.inProgress(clients.properties().pollInterval(), "ProfileUpdating", what);
    });
  }

  /** Slipway's profile as AKS's model (AKS takes most settings as strings). Pure. */
  static ManagedClusterPropertiesAutoScalerProfile toAks(AutoscalerProfile p) {
    return new ManagedClusterPropertiesAutoScalerProfile()
        .withBalanceSimilarNodeGroups(string(p.balanceSimilarNodeGroups()))
        .withDaemonsetEvictionForEmptyNodes(p.daemonsetEvictionForEmptyNodes())
        .withDaemonsetEvictionForOccupiedNodes(p.daemonsetEvictionForOccupiedNodes())
        .withExpander(p.expander() == null ? null : Expander.fromString(expander(p.expander())))
        .withIgnoreDaemonsetsUtilization(p.ignoreDaemonsetsUtilization())
        .withMaxEmptyBulkDelete(string(p.maxEmptyBulkDelete()))
        .withMaxGracefulTerminationSec(string(p.maxGracefulTerminationSec()))
        .withMaxNodeProvisionTime(p.maxNodeProvisionTime())
        .withMaxTotalUnreadyPercentage(string(p.maxTotalUnreadyPercentage()))
        .withNewPodScaleUpDelay(p.newPodScaleUpDelay())
        .withOkTotalUnreadyCount(string(p.okTotalUnreadyCount()))
        .withScanInterval(p.scanInterval())
        .withScaleDownDelayAfterAdd(p.scaleDownDelayAfterAdd())
        .withScaleDownDelayAfterDelete(p.scaleDownDelayAfterDelete())
        .withScaleDownDelayAfterFailure(p.scaleDownDelayAfterFailure())
        .withScaleDownUnneededTime(p.scaleDownUnneededTime())
        .withScaleDownUnreadyTime(p.scaleDownUnreadyTime())
        .withScaleDownUtilizationThreshold(p.scaleDownUtilizationThreshold())
        .withSkipNodesWithLocalStorage(string(p.skipNodesWithLocalStorage()))
        .withSkipNodesWithSystemPods(string(p.skipNodesWithSystemPods()));
  }

  /** AKS's model as Slipway's profile; settings AKS did not send stay null. Pure. */
  static AutoscalerProfile fromAks(ManagedClusterPropertiesAutoScalerProfile a) {
    if (a == null) {
      return new AutoscalerProfile(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null);
    }
    return new AutoscalerProfile(bool(a.balanceSimilarNodeGroups()), a.daemonsetEvictionForEmptyNodes(),
        a.daemonsetEvictionForOccupiedNodes(), expander(a.expander()), a.ignoreDaemonsetsUtilization(),
        integer(a.maxEmptyBulkDelete()), integer(a.maxGracefulTerminationSec()), a.maxNodeProvisionTime(),
        integer(a.maxTotalUnreadyPercentage()), a.newPodScaleUpDelay(), integer(a.okTotalUnreadyCount()),
        a.scanInterval(), a.scaleDownDelayAfterAdd(), a.scaleDownDelayAfterDelete(), a.scaleDownDelayAfterFailure(),
        a.scaleDownUnneededTime(), a.scaleDownUnreadyTime(), a.scaleDownUtilizationThreshold(),
        bool(a.skipNodesWithLocalStorage()), bool(a.skipNodesWithSystemPods()));
  }

  static String expander(AutoscalerProfile.Expander expander) {
    return expander.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  static AutoscalerProfile.Expander expander(Expander aks) {
    return aks == null ? null
        : AutoscalerProfile.Expander.valueOf(aks.toString().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static Boolean bool(String value) {
    return value == null ? null : Boolean.valueOf(value.trim());
  }

  private static Integer integer(String value) {
    return value == null ? null : Integer.valueOf(value.trim());
  }
}
