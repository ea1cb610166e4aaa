package dev.slipway.controllers.drain;

/** How {@link NodeDrainer#drain} moves a pod off its node. */
public enum DrainMode {

  /** Through the Eviction API, so that PodDisruptionBudgets are respected: the normal drain. */
  EVICT,

  /**
   * Delete pods directly, bypassing PodDisruptionBudgets: the ForceDelete policy once a node's drain timeout has
   * expired. Pods whose grace period has run out while terminating are deleted with a zero grace period.
   */
  FORCE_DELETE
}
