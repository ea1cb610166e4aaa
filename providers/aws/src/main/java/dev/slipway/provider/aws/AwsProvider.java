package dev.slipway.provider.aws;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.provider.AutoscalerProfileService;
import dev.slipway.provider.ControlPlaneService;
import dev.slipway.provider.NodePoolService;
import dev.slipway.provider.Provider;
import dev.slipway.provider.RegistryAccessService;
import java.time.Clock;

/** The {@code aws} provider: EKS control planes and managed node groups, ECR pull access. See README.md. */
public final class AwsProvider implements Provider {

  private final ControlPlaneService controlPlanes;
  private final NodePoolService nodePools;
  private final RegistryAccessService registryAccess;
  private final AutoscalerProfileService autoscalerProfiles;

  public AwsProvider(AwsClients clients, Clock clock) {
    this.controlPlanes = new EksControlPlanes(clients, clock);
    this.nodePools = new EksNodeGroups(clients);
    this.registryAccess = new EcrRegistryAccess(clients);
    this.autoscalerProfiles = new EksAutoscalerProfiles();
  }

  @Override
  public CloudProvider id() {
    return CloudProvider.AWS;
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
