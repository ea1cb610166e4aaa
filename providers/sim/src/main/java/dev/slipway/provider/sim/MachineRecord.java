package dev.slipway.provider.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * One machine (scale-set VM) of a pool. Part of the persisted state.
 *
 * @param ordinal the VM's ordinal in its pool's scale set: 0, 1, ... in every pool, never reused within a pool
 * @param vmAt when its VM exists (from then on it is listed in the pool's machines)
 * @param nodeAt when its Node registers in the workload cluster (never before {@code vmAt})
 * @param deleteAt when its VM and Node are gone, or null while it is not being removed
 * @param nodeGeneration the pool generation (labels and taints) its Node was last written with; 0 until its Node
 *     has been written
 */
record MachineRecord(int ordinal, Instant vmAt, Instant nodeAt, Instant deleteAt, int nodeGeneration) {

  MachineRecord {
    Objects.requireNonNull(vmAt, "vmAt");
    Objects.requireNonNull(nodeAt, "nodeAt");
  }

  boolean vmExists(Instant now) {
    return !now.isBefore(vmAt) && !gone(now);
  }

  boolean gone(Instant now) {
    return deleteAt != null && !now.isBefore(deleteAt);
  }

  boolean nodeDue(Instant now) {
    return !now.isBefore(nodeAt);
  }

  boolean leaving() {
    return deleteAt != null;
  }

  MachineRecord withDeleteAt(Instant at) {
    return new MachineRecord(ordinal, vmAt, nodeAt, at, nodeGeneration);
  }

  MachineRecord withNodeGeneration(int generation) {
    return new MachineRecord(ordinal, vmAt, nodeAt, deleteAt, generation);
  }
}
