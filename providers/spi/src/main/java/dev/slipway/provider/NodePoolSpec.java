package dev.slipway.provider;

import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.Taint;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node pool as Slipway wants it.
 *
 * @param cloudPoolName the pool's name in the cloud
 * @param version Kubernetes version of the nodes (fixed at creation)
 * @param template machine properties (fixed at creation)
 * @param replicas node count, or null when {@code autoscaling} is set
 * @param autoscaling autoscaler bounds, or null
 * @param nodeLabels labels on every node (in place)
 * @param taints taints on every node (in place)
 * @param mode System or User (in place)
 * @param tags ownership tags put on the cloud resource, e.g. the MachinePool's namespace/name
 */
public record NodePoolSpec(String cloudPoolName, String version, MachineTemplate template, Integer replicas,
    Autoscaling autoscaling, Map<String, String> nodeLabels, List<Taint> taints, NodepoolMode mode,
    Map<String, String> tags) {

  public NodePoolSpec {
    Objects.requireNonNull(cloudPoolName, "cloudPoolName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(template, "template");
    if ((replicas == null) == (autoscaling == null)) {
      throw new IllegalArgumentException("exactly one of replicas and autoscaling must be set");
    }
    nodeLabels = nodeLabels == null ? Map.of() : Map.copyOf(nodeLabels);
    taints = taints == null ? List.of() : List.copyOf(taints);
    mode = mode == null ? NodepoolMode.User : mode;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
