package dev.slipway.provider.azure;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.provider.AutoscalerProfileService;
import dev.slipway.provider.ControlPlaneService;
import dev.slipway.provider.NodePoolService;
import dev.slipway.provider.Provider;
import dev.slipway.provider.RegistryAccessService;
import java.time.Clock;

/**
 * The {@code azure} provider: AKS managed clusters and agent pools, AcrPull role assignments and the cluster
 * autoscaler profile, with one operation at a time per AKS cluster ({@link AksOperationGate}). See README.md.
 */
public final class AzureProvider implements Provider {

  private final AksControlPlanes controlPlanes;
  private final AksAgentPools nodePools;
  private final AcrRoleAssignments registryAccess;
  private final AksAutoscalerProfiles autoscalerProfiles;

  public AzureProvider(AzureClients clients, Clock clock) {
    AksOperationGate gate = new AksOperationGate(clients);
    this.controlPlanes = new AksControlPlanes(clients, gate, clock);
    this.nodePools = new AksAgentPools(clients, gate);
    this.registryAccess = new AcrRoleAssignments(clients, controlPlanes);
    this.autoscalerProfiles = new AksAutoscalerProfiles(clients, controlPlanes, gate);
  }

  @Override
  public CloudProvider id() {
    return CloudProvider.AZURE;
  }

  @Override
  public ControlPlaneService controlPlanes() {
    return controlPlanes;
  }

  @Override
  public NodePoolService nodePools() {
    return nodePools;
  }

  @Override
  public RegistryAccessService registryAccess() {
    return registryAccess;
  }

  @Override
  public AutoscalerProfileService autoscalerProfiles() {
    return autoscalerProfiles;
  }
}
