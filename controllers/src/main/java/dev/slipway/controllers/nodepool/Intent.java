package dev.slipway.controllers.nodepool;

/**
 * One write the Nodepool reconciler performs for a plan. Every intent is an idempotent ensure: performing it twice,
 * or after a crash that lost the record of performing it, is harmless.
 */
public sealed interface Intent {

  /**
   * Create the MachinePool for a template hash and replacement count (a deterministic name: a second create finds
   * the first).
   */
  record CreatePool(String name, String templateHash, int replacement) implements Intent {
  }

  /** Bring a pool's in-place fields (count, labels, taints, mode) to the Nodepool's. */
  record SyncPool(String name) implements Intent {
  }

  /** Mark a Node unschedulable (and as cordoned by Slipway). */
  record Cordon(String node) implements Intent {
  }

  /** Undo a cordon Slipway made, e.g. when a rollout is reverted. */
  record Uncordon(String node) implements Intent {
  }

  /** Run one drain pass on a Node: evict through the Eviction API, or delete the pods once the timeout forces it. */
  record Drain(String node, boolean force) implements Intent {
  }

  /** Delete a MachinePool (its finalizer deletes the cloud pool). */
  record DeletePool(String name) implements Intent {
  }
}
