package dev.slipway.provider.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The last operation on a control plane or pool, with its schedule fixed when it started. Part of the persisted
 * state: change it only together with {@link SimClusterState#SCHEMA_VERSION}.
 *
 * @param kind what it does
 * @param startedAt when the call that started it was made
 * @param doneAt when it completes (or fails)
 * @param targetVersion for an upgrade, the version it goes to; null otherwise
 * @param failureCode the cloud error code it fails with at {@code doneAt}, or null when it succeeds
 * @param failureMessage what the cloud says about the failure, or null
 */
record OperationRecord(OperationKind kind, Instant startedAt, Instant doneAt, String targetVersion,
    String failureCode, String failureMessage) {

  OperationRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(doneAt, "doneAt");
  }

  static OperationRecord succeeding(OperationKind kind, Instant startedAt, Instant doneAt, String targetVersion) {
    return new OperationRecord(kind, startedAt, doneAt, targetVersion, null, null);
  }

  static OperationRecord failing(OperationKind kind, Instant startedAt, Instant doneAt, String targetVersion,
      String code, String message) {
    return new OperationRecord(kind, startedAt, doneAt, targetVersion, code, message);
  }

  boolean inProgress(Instant now) {
    return now.isBefore(doneAt);
  }

  /** Finished and failed. */
  boolean failedBy(Instant now) {
    return failureCode != null && !inProgress(now);
  }

  /** Finished and succeeded. */
  boolean succeededBy(Instant now) {
    return failureCode == null && !inProgress(now);
  }

  Duration remaining(Instant now) {
    return inProgress(now) ? Duration.between(now, doneAt) : Duration.ZERO;
  }

  /** {@code code: message}, for status messages. */
  String failureText() {
    return failureCode + ": " + failureMessage;
  }
}
