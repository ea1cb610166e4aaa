package dev.slipway.provider;

import java.time.Duration;

/**
 * A cloud call failed. Carries what a condition message and a log line need: the cloud's error code, its request ID
 * and whether retrying can help. Non-retryable failures (bad quota, a refused machine type) become a condition on
 * the object and are not retried in a hot loop.
 */
public class CloudException extends Exception {

  private final String code;
  private final String requestId;
  private final boolean retryable;
  private final Duration retryAfter;

  public CloudException(String code, String message, String requestId, boolean retryable, Duration retryAfter,
      Throwable cause) {
    super(message, cause);
    this.code = code;
    this.requestId = requestId;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  public static CloudException retryable(String code, String message, String requestId, Duration retryAfter) {
    return new CloudException(code, message, requestId, true, retryAfter, null);
  }

  public static CloudException permanent(String code, String message, String requestId) {
    return new CloudException(code, message, requestId, false, null, null);
  }

  /** The cloud's error code, e.g. {@code ThrottlingException} or {@code OperationNotAllowed}. */
  public String code() {
    return code;
  }

  /** The cloud's request ID, or null when there was none (e.g. a timeout). */
  public String requestId() {
    return requestId;
  }

  /** Whether calling again can succeed without a change to the spec. */
  public boolean retryable() {
    return retryable;
  }

  /** How long the cloud asked to wait (429 Retry-After), or null for the caller's backoff. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@code code: message (request id)}, for condition messages. */
  public String describe() {
    return code + ": " + getMessage() + (requestId == null ? "" : " (request " + requestId + ")");
  }
}
