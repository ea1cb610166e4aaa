package dev.slipway.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * What a cloud said to a mutating call. Long operations are never waited for: the caller records progress and polls.
 *
 * @param kind what happened
 * @param retryAfter when to look again (IN_PROGRESS, RETRY_LATER); zero otherwise
 * @param reason a CamelCase reason for conditions, e.g. {@code ClusterBusy}
 * @param message what the cloud said, naming the operation or the blocking thing
 */
public record OperationStatus(Kind kind, Duration retryAfter, String reason, String message) {

  /** Outcomes of a mutating call. */
  public enum Kind {
    /** The cloud already matches: nothing was started. */
    DONE,
    /** An operation was started or is still running; observe again after {@code retryAfter}. */
    IN_PROGRESS,
    /** The cloud cannot take the operation now (busy with another operation, throttled); call again later. */
    RETRY_LATER
  }

  public OperationStatus {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(reason, "reason");
  }

  public static OperationStatus done() {
    return new OperationStatus(Kind.DONE, Duration.ZERO, "Done", "");
  }

  public static OperationStatus inProgress(Duration pollAfter, String reason, String message) {
    return new OperationStatus(Kind.IN_PROGRESS, pollAfter, reason, message);
  }

  public static OperationStatus retryLater(Duration retryAfter, String reason, String message) {
    return new OperationStatus(Kind.RETRY_LATER, retryAfter, reason, message);
  }

  public boolean isDone() {
    return kind == Kind.DONE;
  }
}
