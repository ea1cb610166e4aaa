package dev.slipway.provider.sim;

import dev.slipway.provider.NodePoolSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Starts pool operations: fixes, at call time, when each affected machine appears or disappears and when the
 * operation completes. Pure; the schedule is stored so a restarted controller sees the same one.
 */
final class PoolOperations {

  private PoolOperations() {
  }

  /**
   * Why an operation will fail, decided when it starts.
   *
   * @param code the cloud error code
   * @param message the cloud's message
   */
  record Failure(String code, String message) {
  }

  /** A new pool with a CREATE operation for {@code count} machines. */
  static PoolRecord create(NodePoolSpec desired, int count, Instant now, LatencyModel latency,
      RandomGenerator random, Failure failure) {
    PoolRecord pool = new PoolRecord(desired.cloudPoolName(), desired.version(), desired.template(), count,
        desired.autoscaling(), desired.nodeLabels(), desired.taints(), desired.mode(), desired.tags(), 1, 0, 0,
        OperationRecord.succeeding(OperationKind.CREATE, now, now, null), List.of());
    return start(pool, OperationKind.CREATE, now, latency, random, failure);
  }

  /**
   * Starts {@code kind} on the pool: a DELETE removes every machine; anything else adds or removes machines until
   * {@code pool.count()} stay (removing the highest ordinals). A failing operation changes no machine.
   */
  static PoolRecord start(PoolRecord pool, OperationKind kind, Instant now, LatencyModel latency,
      RandomGenerator random, Failure failure) {
    Instant doneAt = now;
    if (kind == OperationKind.UPDATE) {
      doneAt = latency.poolUpdate().after(now, random);
    }
    if (failure != null) {
      Instant failsAt = max(doneAt, (kind == OperationKind.DELETE ? latency.poolDelete()
          : kind == OperationKind.CREATE ? latency.vmProvision() : latency.poolUpdate()).after(now, random));
      return pool.started(OperationRecord.failing(kind, now, failsAt, null, failure.code(), failure.message()),
          pool.machines(), pool.nextOrdinal());
    }
    List<MachineRecord> machines = new ArrayList<>(pool.machines());
    int nextOrdinal = pool.nextOrdinal();
    if (kind == OperationKind.DELETE) {
      Instant goneAt = latency.poolDelete().after(now, random);
      machines.replaceAll(m -> m.deleteAt() != null && m.deleteAt().isBefore(goneAt) ? m : m.withDeleteAt(goneAt));
      doneAt = max(doneAt, goneAt);
    } else {
      List<MachineRecord> staying = pool.staying();
      int missing = pool.count() - staying.size();
      for (int k = 0; k < missing; k++) {
        // A create brings all machines up in parallel; a scale-up staggers them.
        Instant base = kind == OperationKind.CREATE ? now
            : now.plus(latency.scalePerNode().sample(random).multipliedBy(k));
        Instant vmAt = latency.vmProvision().after(base, random);
        Instant nodeAt = max(vmAt, latency.nodeReady().after(base, random));
        machines.add(new MachineRecord(nextOrdinal++, vmAt, nodeAt, null, 0));
        doneAt = max(doneAt, nodeAt);
      }
      List<MachineRecord> highestFirst = staying.stream()
          .sorted(Comparator.comparingInt(MachineRecord::ordinal).reversed()).toList();
      for (int k = 0; k < -missing; k++) {
        MachineRecord leaving = highestFirst.get(k);
        Instant goneAt = now.plus(latency.scalePerNode().sample(random).multipliedBy(k + 1L));
        machines.set(machines.indexOf(leaving), leaving.withDeleteAt(goneAt));
        doneAt = max(doneAt, goneAt);
      }
    }
    return pool.started(OperationRecord.succeeding(kind, now, doneAt, null), machines, nextOrdinal);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
