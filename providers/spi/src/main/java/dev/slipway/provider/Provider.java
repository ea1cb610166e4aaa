package dev.slipway.provider;

import dev.slipway.api.v1alpha1.CloudProvider;

/**
 * A cloud Slipway can manage clusters in, as one port per capability. Providers are Spring beans; the controllers
 * pick one per {@code Cluster.spec.provider} through {@link Providers}.
 *
 * <h2>Contract (every port)</h2>
 * <ul>
 *   <li>MUST be idempotent: calling {@code ensure} or {@code delete} again with the same arguments, in any state, is
 *       harmless. A controller may crash between a call and recording its result and will call again.</li>
 *   <li>MUST NOT block waiting for the cloud: a long operation is started and reported as
 *       {@link OperationStatus.Kind#IN_PROGRESS}; the controller polls by calling {@code observe} after a delay.</li>
 *   <li>MUST serialise what the cloud serialises (AKS: one agent-pool operation per cluster) inside the provider,
 *       answering {@link OperationStatus.Kind#RETRY_LATER} while the cluster is busy, never waiting for it and never
 *       holding up other clusters.</li>
 *   <li>MUST report machines by full canonical providerID ({@link dev.slipway.api.ProviderId}).</li>
 *   <li>MUST throw {@link CloudException} for failures, with the cloud's error code and request ID, and say whether
 *       retrying can help.</li>
 *   <li>MUST NOT let SDK types cross the port: arguments and results are Slipway types.</li>
 *   <li>SHOULD tag every cloud resource it creates with the Slipway object that owns it.</li>
 * </ul>
 */
public interface Provider {

  /** The value of {@code Cluster.spec.provider} this provider serves. */
  CloudProvider id();

  ControlPlaneService controlPlanes();

  NodePoolService nodePools();

  RegistryAccessService registryAccess();

  AutoscalerProfileService autoscalerProfiles();

  /**
   * Whether this provider's clusters have Nodes in a workload API the controllers read (cordon, drain, match machines
   * to Nodes). True for every real cloud. False only for the node-less simulated cloud of fleet-scale runs: the
   * controllers then take machines' readiness from {@link NodePoolState#readyMachines()}, watch no workload API and
   * have nothing to cordon or drain.
   */
  default boolean registersNodes() {
    return true;
  }
}
