package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.provider.AutoscalerProfileService;
import dev.slipway.provider.ControlPlaneService;
import dev.slipway.provider.NodePoolService;
import dev.slipway.provider.Provider;
import dev.slipway.provider.RegistryAccessService;
import java.util.Objects;

/** The {@code sim} provider: Slipway's embedded simulated cloud, {@link SimCloud}, behind the provider SPI. */
public final class SimProvider implements Provider, AutoCloseable {

  private final SimCloud cloud;

  public SimProvider(SimCloud cloud) {
    this.cloud = Objects.requireNonNull(cloud, "cloud");
  }

  @Override
  public CloudProvider id() {
    return CloudProvider.SIM;
  }

  @Override
  public ControlPlaneService controlPlanes() {
    return cloud.controlPlanes();
  }

  @Override
  public NodePoolService nodePools() {
    return cloud.nodePools();
  }

  @Override
  public RegistryAccessService registryAccess() {
    return cloud.registryAccess();
  }

  @Override
  public AutoscalerProfileService autoscalerProfiles() {
    return cloud.autoscalerProfiles();
  }

  /** The simulated cloud itself, e.g. for its out-of-band console in tests. */
  /** False in node-less mode (no workload kubeconfig): readiness comes from the simulated machines. */
  @Override
  public boolean registersNodes() {
    return cloud.hasNodes();
  }

  public SimCloud cloud() {
    return cloud;
  }

  /** Stops the simulated cloud's background Node changes (Spring calls it when the context closes). */
  @Override
  public void close() {
    cloud.close();
  }
}
