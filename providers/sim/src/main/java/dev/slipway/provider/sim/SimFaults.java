package dev.slipway.provider.sim;

import java.time.Duration;

/**
 * Faults the simulated cloud injects, each a probability per call between 0 and 1. All off by default.
 *
 * @param throttling a call is refused with the retryable code {@code Throttling} and {@code throttlingRetryAfter}
 * @param throttlingRetryAfter the Retry-After a throttled call carries
 * @param serverError a call fails with the retryable code {@code InternalServerError} before doing anything
 * @param timeout a call fails with the retryable code {@code RequestTimeout}; half of the timed-out mutating calls
 *     were applied all the same, as with real clouds, so callers must re-observe rather than assume
 * @param operationFailure an operation that a call starts (create, upgrade, scale, update, delete) ends FAILED
 * @param operationFailureCode the cloud error code a failed operation reports, e.g. {@code AllocationFailed}
 */
public record SimFaults(double throttling, Duration throttlingRetryAfter, double serverError, double timeout,
    double operationFailure, String operationFailureCode) {

  public SimFaults {
    checkProbability("throttling", throttling);
    checkProbability("serverError", serverError);
    checkProbability("timeout", timeout);
    checkProbability("operationFailure", operationFailure);
    throttlingRetryAfter = throttlingRetryAfter == null ? Duration.ofSeconds(5) : throttlingRetryAfter;
    operationFailureCode = operationFailureCode == null || operationFailureCode.isBlank()
        ? "AllocationFailed" : operationFailureCode;
  }

  public static SimFaults none() {
    return new SimFaults(0, null, 0, 0, 0, null);
  }

  private static void checkProbability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a probability between 0 and 1, got " + value);
    }
  }
}
