package dev.slipway.controllers.runtime;

import io.kubernetes.client.extended.controller.reconciler.Result;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The results a reconciler returns, computed from the live settings. */
public final class Requeue {

  private Requeue() {
  }

  /**
   * Done for now: look again after the resync period, jittered by up to {@code resyncJitter} of it either way, so
   * that thousands of objects reconciled together (say, after a restart) do not all resync together again.
   */
  public static Result resync(SlipwayProperties.Controllers settings) {
    long period = settings.resyncPeriod().toMillis();
    double jitter = Math.max(0, Math.min(1, settings.resyncJitter()));
    long spread = (long) (period * jitter);
    long delay = period + (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1));
    return new Result(true, Duration.ofMillis(Math.max(1000, delay)));
  }

  /** Waiting on something that will change by itself (a cloud operation, nodes registering): poll after a delay. */
  public static Result after(Duration delay) {
    return new Result(true, delay.isNegative() || delay.isZero() ? Duration.ofSeconds(1) : delay);
  }

  /** Something failed that may pass: requeue with the queue's per-item exponential backoff. */
  public static Result backoff() {
    return new Result(true);
  }

  /** Nothing to do until an event arrives (the object is gone). */
  public static Result done() {
    return new Result(false);
  }
}
