package dev.slipway.controllers.nodepool;

import dev.slipway.controllers.runtime.SlipwayProperties;
import java.time.Duration;
import java.time.Instant;

/**
 * Pods whose eviction was refused in this pass, for the DrainBlocked condition and the pool's backoff.
 *
 * @param node the first blocked node
 * @param startedAt when draining the first blocked node started
 * @param message the blocking pods and the PodDisruptionBudgets that refuse them
 * @param forced whether the drain timeout already forced deletion
 */
record DrainBlock(String node, Instant startedAt, String message, boolean forced) {

  DrainBlock and(DrainBlock other) {
    return new DrainBlock(node, startedAt.isBefore(other.startedAt) ? startedAt : other.startedAt,
        message + "; " + other.message, forced || other.forced);
  }

  /**
   * When to try the blocked evictions again: grows with how long the drain has been blocked (a quarter of it),
   * between the configured initial and maximum backoff. Derived from the drain's start time kept on the Node, so the
   * backoff survives restarts without extra state.
   */
  Duration backoff(SlipwayProperties.Drain settings, Instant now) {
    Duration quarter = Duration.between(startedAt, now).dividedBy(4);
    Duration backoff = quarter.compareTo(settings.backoffInitial()) < 0 ? settings.backoffInitial() : quarter;
    return backoff.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : backoff;
  }
}
