package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.Taint;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A simulated node pool (a scale set). Part of the persisted state. The in-place fields hold what the last accepted
 * call asked for, as a cloud's GET does while the change is still being applied.
 *
 * @param name the pool's cloud name
 * @param version Kubernetes version of its nodes (fixed at creation)
 * @param template machine properties (fixed at creation; changed only out of band, to simulate drift)
 * @param count the node count the cloud holds (with autoscaling: the simulated autoscaler's choice)
 * @param autoscaling autoscaler bounds, or null
 * @param nodeLabels labels put on its nodes
 * @param taints taints put on its nodes
 * @param mode System or User
 * @param tags ownership tags
 * @param generation incremented whenever labels or taints change, so Nodes written earlier are updated
 * @param nextOrdinal the ordinal the next machine gets
 * @param operations how many operations were started, to seed each one's latencies differently
 * @param operation the last operation started on it
 * @param machines its machines, by ordinal
 */
record PoolRecord(String name, String version, MachineTemplate template, int count, Autoscaling autoscaling,
    Map<String, String> nodeLabels, List<Taint> taints, NodepoolMode mode, Map<String, String> tags, int generation,
    int nextOrdinal, int operations, OperationRecord operation, List<MachineRecord> machines) {

  PoolRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(operation, "operation");
    nodeLabels = nodeLabels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(nodeLabels));
    taints = taints == null ? List.of() : List.copyOf(taints);
    mode = mode == null ? NodepoolMode.User : mode;
    tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    machines = machines == null ? List.of()
        : machines.stream().sorted(Comparator.comparingInt(MachineRecord::ordinal)).toList();
  }

  boolean inProgress(Instant now) {
    return operation.inProgress(now);
  }

  /** Machines not being removed. */
  List<MachineRecord> staying() {
    return machines.stream().filter(m -> !m.leaving()).toList();
  }

  PoolRecord withMachines(List<MachineRecord> next) {
    return new PoolRecord(name, version, template, count, autoscaling, nodeLabels, taints, mode, tags, generation,
        nextOrdinal, operations, operation, next);
  }

  PoolRecord withTemplate(MachineTemplate next) {
    return new PoolRecord(name, version, next, count, autoscaling, nodeLabels, taints, mode, tags, generation,
        nextOrdinal, operations, operation, machines);
  }

  /** The in-place fields replaced; {@code generation} moves on when labels or taints differ. */
  PoolRecord withInPlace(int newCount, Autoscaling newAutoscaling, Map<String, String> newLabels,
      List<Taint> newTaints, NodepoolMode newMode) {
    boolean nodesChange = !Objects.equals(new TreeMap<>(newLabels), nodeLabels) || !newTaints.equals(taints);
    return new PoolRecord(name, version, template, newCount, newAutoscaling, newLabels, newTaints, newMode, tags,
        nodesChange ? generation + 1 : generation, nextOrdinal, operations, operation, machines);
  }

  /** The result of starting an operation: its record and the machines it plans. */
  PoolRecord started(OperationRecord next, List<MachineRecord> plannedMachines, int newNextOrdinal) {
    return new PoolRecord(name, version, template, count, autoscaling, nodeLabels, taints, mode, tags, generation,
        newNextOrdinal, operations + 1, next, plannedMachines);
  }
}
