package dev.slipway.provider.sim;

import dev.slipway.provider.CloudException;
import java.time.Duration;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Rolls the dice of {@link SimFaults}. One generator for the whole cloud, so access is synchronised; faults are
 * reproducible for a given seed and call order.
 */
final class FaultInjector {

  /** What happens to a call that was not refused outright. */
  enum Fate { APPLY, APPLY_THEN_TIME_OUT }

  private final SimFaults faults;
  private final RandomGenerator random;

  FaultInjector(SimFaults faults, RandomGenerator random) {
    this.faults = faults;
    this.random = random;
  }

  /**
   * Decides a call's fate before it runs.
   *
   * @throws CloudException {@code Throttling}, {@code InternalServerError}, or {@code RequestTimeout} for a call that
   *     timed out without being applied
   */
  synchronized Fate beforeCall(String call, String clusterKey) throws CloudException {
    if (roll(faults.throttling())) {
      throw CloudException.retryable("Throttling", "simulated throttling of " + call + " for " + clusterKey,
          requestIdLocked(), faults.throttlingRetryAfter());
    }
    if (roll(faults.serverError())) {
      throw CloudException.retryable("InternalServerError", "simulated server error in " + call + " for "
          + clusterKey, requestIdLocked(), null);
    }
    if (roll(faults.timeout())) {
      if (random.nextBoolean()) {
        return Fate.APPLY_THEN_TIME_OUT;
      }
      throw timeout(call, clusterKey);
    }
    return Fate.APPLY;
  }

  /** The failure a call that was applied anyway reports. */
  CloudException timeout(String call, String clusterKey) {
    // A timeout has no response, hence no request ID.
    return CloudException.retryable("RequestTimeout", "simulated timeout of " + call + " for " + clusterKey
        + "; it may have been applied", null, Duration.ofSeconds(1));
  }

  /** Whether an operation being started will fail, and how. */
  synchronized PoolOperations.Failure operationFailure(String what) {
    if (!roll(faults.operationFailure())) {
      return null;
    }
    return new PoolOperations.Failure(faults.operationFailureCode(), "simulated failure of " + what
        + " (request " + requestIdLocked() + ")");
  }

  synchronized String requestId() {
    return requestIdLocked();
  }

  private String requestIdLocked() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private boolean roll(double probability) {
    return probability > 0 && random.nextDouble() < probability;
  }
}
