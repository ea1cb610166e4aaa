package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.MachineTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a cluster's state up to a moment: what the stored schedule says has happened by {@code now} is made so.
 * Machines whose time has come register their Nodes, removed machines lose theirs (highest ordinals first), Nodes
 * of a pool whose labels or taints changed are rewritten once the update completes, finished deletions are dropped
 * and finished upgrades recorded. Pure: the Node changes are returned as actions for the caller to apply.
 */
final class CloudProgress {

  static final String POOL_LABEL = "sim.slipway.dev/pool";
  static final String CLUSTER_LABEL = "sim.slipway.dev/cluster";
  static final String OS_IMAGE_LABEL = "sim.slipway.dev/os-image";
  static final String VERSION_LABEL = "sim.slipway.dev/kubernetes-version";

  private CloudProgress() {
  }

  /** The state as of {@code now}; the Node changes that takes are appended to {@code actions}. */
  static SimClusterState advance(SimClusterState state, Instant now, List<NodeAction> actions) {
    ControlPlaneRecord controlPlane = state.controlPlane();
    if (controlPlane != null && controlPlane.operation().kind() == OperationKind.DELETE
        && controlPlane.operation().succeededBy(now)) {
      // The cluster is gone, and everything in it: its pools were deleted with it, grants and profile with it.
      for (PoolRecord pool : state.pools().values()) {
        for (MachineRecord machine : descending(pool.machines())) {
          if (machine.nodeGeneration() > 0 || machine.nodeDue(now)) {
            actions.add(new NodeAction(NodeAction.Kind.DELETE, node(state, pool, machine)));
          }
        }
      }
      return SimClusterState.empty(state.namespace(), state.name());
    }
    if (controlPlane != null && controlPlane.operation().kind() == OperationKind.UPGRADE
        && controlPlane.operation().succeededBy(now)
        && !controlPlane.version().equals(controlPlane.operation().targetVersion())) {
      state = state.withControlPlane(controlPlane.withVersion(controlPlane.operation().targetVersion()));
    }
    Map<String, PoolRecord> pools = new LinkedHashMap<>();
    for (PoolRecord pool : state.pools().values()) {
      PoolRecord advanced = advance(state, pool, now, actions);
      if (advanced != null) {
        pools.put(advanced.name(), advanced);
      }
    }
    return pools.equals(state.pools()) ? state : state.withPools(new TreeMap<>(pools));
  }

  /** The pool as of {@code now}, or null once its deletion has completed. */
  private static PoolRecord advance(SimClusterState state, PoolRecord pool, Instant now, List<NodeAction> actions) {
    boolean poolGone = pool.operation().kind() == OperationKind.DELETE && pool.operation().succeededBy(now);
    List<MachineRecord> kept = new ArrayList<>();
    for (MachineRecord machine : descending(pool.machines())) {
      if (machine.gone(now) || poolGone) {
        // Also when its Node was due but never written (nobody looked in time): deleting a missing Node is fine.
        if (machine.nodeGeneration() > 0 || machine.nodeDue(now)) {
          actions.add(new NodeAction(NodeAction.Kind.DELETE, node(state, pool, machine)));
        }
      } else if (machine.nodeGeneration() == 0 && machine.nodeDue(now)) {
        actions.add(new NodeAction(NodeAction.Kind.REGISTER, node(state, pool, machine)));
        kept.add(machine.withNodeGeneration(pool.generation()));
      } else if (machine.nodeGeneration() > 0 && machine.nodeGeneration() != pool.generation()
          && !pool.inProgress(now)) {
        // Like AKS: label and taint changes reach existing nodes when the pool update completes.
        actions.add(new NodeAction(NodeAction.Kind.UPDATE, node(state, pool, machine)));
        kept.add(machine.withNodeGeneration(pool.generation()));
      } else {
        kept.add(machine);
      }
    }
    if (poolGone) {
      return null;
    }
    PoolRecord advanced = pool.withMachines(kept);
    return advanced.equals(pool) ? pool : advanced;
  }

  /**
   * When the next change that {@link #advance} makes on its own is due after {@code now} — a Node registering or
   * going away, an operation completing — or null when nothing is scheduled.
   */
  static Instant nextChange(SimClusterState state, Instant now) {
    Instant next = null;
    if (state.controlPlane() != null) {
      next = earliestAfter(now, next, state.controlPlane().operation().doneAt());
    }
    for (PoolRecord pool : state.pools().values()) {
      next = earliestAfter(now, next, pool.operation().doneAt());
      for (MachineRecord machine : pool.machines()) {
        if (machine.nodeGeneration() == 0) {
          next = earliestAfter(now, next, machine.nodeAt());
        }
        next = earliestAfter(now, next, machine.deleteAt());
      }
    }
    return next;
  }

  private static Instant earliestAfter(Instant now, Instant earliest, Instant candidate) {
    if (candidate == null || !candidate.isAfter(now)) {
      return earliest;
    }
    return earliest == null || candidate.isBefore(earliest) ? candidate : earliest;
  }

  private static List<MachineRecord> descending(List<MachineRecord> machines) {
    return machines.stream().sorted(Comparator.comparingInt(MachineRecord::ordinal).reversed()).toList();
  }

  /** The Node a machine registers, with the pool's current labels and taints. */
  static SimNode node(SimClusterState state, PoolRecord pool, MachineRecord machine) {
    String namespace = state.namespace();
    String name = state.name();
    String nodeName = SimIdentities.nodeName(namespace, name, pool.name(), machine.ordinal());
    MachineTemplate template = pool.template();
    Map<String, String> labels = new TreeMap<>(pool.nodeLabels());
    List<String> poolLabelKeys = new ArrayList<>(pool.nodeLabels().keySet());
    // The cloud's own labels win over the pool's, as on AKS and EKS.
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", template.architecture() == null ? "amd64"
        : template.architecture().name().toLowerCase(Locale.ROOT));
    labels.put("kubernetes.io/hostname", nodeName);
    labels.put("node.kubernetes.io/instance-type", template.machineType());
    labels.put(POOL_LABEL, pool.name());
    labels.put(CLUSTER_LABEL, SimIdentities.clusterLabel(namespace, name));
    labels.put(OS_IMAGE_LABEL, template.osImage() == null ? "unknown" : template.osImage().name());
    labels.put(VERSION_LABEL, pool.version());
    if (state.controlPlane() != null && state.controlPlane().region() != null) {
      labels.put("topology.kubernetes.io/region", state.controlPlane().region());
    }
    if (template.zones() != null && !template.zones().isEmpty()) {
      labels.put("topology.kubernetes.io/zone", template.zones().get(machine.ordinal() % template.zones().size()));
    }
    poolLabelKeys.removeIf(key -> !pool.nodeLabels().get(key).equals(labels.get(key)));
    return new SimNode(nodeName, SimIdentities.providerId(namespace, name, pool.name(), machine.ordinal()),
        labels, poolLabelKeys.stream().sorted().toList(), pool.taints());
  }
}
