package dev.slipway.provider;

import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.Taint;
import java.util.List;
import java.util.Map;

/**
 * A node pool as the cloud reports it.
 *
 * @param phase lifecycle phase
 * @param provisioningState the cloud's own word, for status
 * @param cloudResourceId the cloud's identifier of the pool
 * @param version Kubernetes version of the nodes
 * @param template machine properties as the cloud has them (for drift detection)
 * @param replicas the node count the cloud is holding now (with autoscaling: the autoscaler's choice)
 * @param autoscaling autoscaler bounds, or null
 * @param nodeLabels labels the cloud puts on nodes
 * @param taints taints the cloud puts on nodes
 * @param mode System or User
 * @param machines the pool's machines, by canonical providerID
 * @param message the last error or progress note from the cloud, or null
 * @param readyMachines how many of {@code machines} the cloud itself reports ready (their node registered), or null
 *     when it does not say: the controllers then count the Ready Nodes of the workload cluster. A provider whose
 *     clusters have no Nodes to read ({@link Provider#registersNodes()} false) must set it.
 */
public record NodePoolState(ProvisioningPhase phase, String provisioningState, String cloudResourceId,
    String version, MachineTemplate template, Integer replicas, Autoscaling autoscaling,
    Map<String, String> nodeLabels, List<Taint> taints, NodepoolMode mode, List<ProviderId> machines,
    String message, Integer readyMachines) {

  /** A pool whose machines' readiness is read from the workload cluster's Nodes. */
  public NodePoolState(ProvisioningPhase phase, String provisioningState, String cloudResourceId,
      String version, MachineTemplate template, Integer replicas, Autoscaling autoscaling,
      Map<String, String> nodeLabels, List<Taint> taints, NodepoolMode mode, List<ProviderId> machines,
      String message) {
    this(phase, provisioningState, cloudResourceId, version, template, replicas, autoscaling, nodeLabels, taints, mode,
        machines, message, null);
  }

  public static NodePoolState absent() {
    return new NodePoolState(ProvisioningPhase.ABSENT, null, null, null, null, null, null, Map.of(), List.of(),
        null, List.of(), null);
  }

  public boolean exists() {
    return phase != ProvisioningPhase.ABSENT;
  }
}
