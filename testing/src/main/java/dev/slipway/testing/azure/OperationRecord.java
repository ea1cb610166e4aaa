package dev.slipway.testing.azure;

import java.time.Instant;

/**
 * One accepted long-running operation on a cluster or one of its agent pools. {@code ended} is null while it runs;
 * {@code status} is ARM's {@code InProgress}, {@code Succeeded}, {@code Failed} or {@code Canceled}.
 */
public record OperationRecord(String id, OperationKind kind, String subscription, String resourceGroup,
    String cluster, String agentPool, Instant started, Instant ended, String status, String errorCode) {

  public boolean inProgress() {
    return ended == null;
  }

  /** Whether the two operations' [started, ended) intervals share an instant (a running one extends forever). */
  public boolean overlaps(OperationRecord other) {
    Instant end = ended == null ? Instant.MAX : ended;
    Instant otherEnd = other.ended == null ? Instant.MAX : other.ended;
    return started.isBefore(otherEnd) && other.started.isBefore(end);
  }
}
