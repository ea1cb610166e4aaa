package dev.slipway.controllers.machinepool;

import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** Compares a pool's desired and observed fields. Pure. */
final class InPlaceFields {

  private InPlaceFields() {
  }

  /**
   * The in-place fields (names as in the MachinePool spec) where the cloud differs from the desired pool. With
   * autoscaling, the node count belongs to the autoscaler: only the bounds are compared, never the count.
   */
  static List<String> differing(NodePoolSpec desired, NodePoolState observed) {
    List<String> fields = new ArrayList<>();
    if (desired.autoscaling() == null) {
      if (observed.autoscaling() != null) {
        fields.add("autoscaling");
      }
      if (!Objects.equals(desired.replicas(), observed.replicas())) {
        fields.add("replicas");
      }
    } else if (!Objects.equals(desired.autoscaling(), observed.autoscaling())) {
      fields.add("autoscaling");
    }
    if (!Objects.equals(desired.nodeLabels(), observed.nodeLabels())) {
      fields.add("nodeLabels");
    }
    if (!new HashSet<>(desired.taints()).equals(new HashSet<>(observed.taints() == null ? List.of()
        : observed.taints()))) {
      fields.add("taints");
    }
    if (desired.mode() != observed.mode()) {
      fields.add("mode");
    }
    return fields;
  }

  /** The fields fixed at creation where the cloud differs from the spec: someone changed them outside Slipway. */
  static List<String> drifted(NodePoolSpec desired, NodePoolState observed) {
    List<String> fields = new ArrayList<>();
    if (observed.version() != null && !Objects.equals(desired.version(), observed.version())) {
      fields.add("version");
    }
    if (observed.template() != null && !Objects.equals(desired.template(), observed.template())) {
      fields.add("template");
    }
    return fields;
  }
}
