package dev.slipway.controllers.drain;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next drain pass of a node whose evictions are blocked, from how many blocked passes
 * in a row it has had: {@code initial} doubling per attempt up to {@code max}, then shortened by a random share of
 * up to {@code jitter} so that the pools of a fleet blocked at the same moment do not retry in lockstep. Pure apart
 * from the random draw; the attempt count lives in the caller's status, so any replica computes the same schedule.
 *
 * @param initial the delay after the first blocked pass
 * @param max the longest delay; the result never exceeds it
 * @param jitter the largest share of the delay taken off at random, in [0, 1)
 * @param random the source of jitter; must be safe for concurrent use if this instance is shared between threads
 */
public record DrainBackoff(Duration initial, Duration max, double jitter, RandomGenerator random) {

  /** 5 s doubling to 2 min, up to 20% shorter at random. */
  public static DrainBackoff standard(RandomGenerator random) {
    return new DrainBackoff(Duration.ofSeconds(5), Duration.ofMinutes(2), 0.2, random);
  }

  public DrainBackoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(random, "random");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial must be positive, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max " + max + " is shorter than initial " + initial);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }
  }

  /**
   * The delay before the next pass.
   *
   * @param attempt blocked passes in a row so far, at least 1
   * @return a delay in {@code [(1 - jitter) * nominal, nominal]} (to the millisecond), where nominal is
   *     {@code min(max, initial * 2^(attempt - 1))}
   */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
    long nominalMillis = nominal(attempt).toMillis();
    // nextDouble() is in [0, 1), so the factor is in (1 - jitter, 1]: never above max, never zero.
    double factor = 1 - jitter * random.nextDouble();
    return Duration.ofMillis(Math.max(1, Math.round(nominalMillis * factor)));
  }

  /** The delay before jitter: {@code min(max, initial * 2^(attempt - 1))}. */
  Duration nominal(int attempt) {
    Duration delay = initial;
    // Doubling step by step stops at max, so a large attempt count cannot overflow.
    for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
