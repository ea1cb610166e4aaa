package dev.slipway.testing.azure;

import java.time.Instant;

/**
 * An accepted operation that finishes when a request arrives at or after {@code due} (the fake advances lazily).
 * Mutable; guarded by the fake's state lock.
 */
final class LongRunningOperation {

  final String id;
  final OperationKind kind;
  final ClusterKey clusterKey;
  final String subscription;
  final String resourceGroup;
  final String cluster;
  final String pool;
  final String location;
  final Instant started;
  final Instant due;
  /** An injected failure ({@code FakeArm.failNextOperation}): the operation ends Failed with this error. */
  final String failureCode;
  final String failureMessage;
  String status = "InProgress";
  Instant ended;
  String errorCode;
  String errorMessage;

  LongRunningOperation(String id, OperationKind kind, ManagedCluster cluster, String pool, Instant started,
      Instant due, String failureCode, String failureMessage) {
    this.id = id;
    this.kind = kind;
    this.clusterKey = cluster.key;
    this.subscription = cluster.subscription;
    this.resourceGroup = cluster.resourceGroup;
    this.cluster = cluster.name;
    this.pool = pool;
    this.location = cluster.location;
    this.started = started;
    this.due = due;
    this.failureCode = failureCode;
    this.failureMessage = failureMessage;
  }

  boolean inProgress() {
    return ended == null;
  }

  /** What the operation works on, as a conflict message names it. */
  String target() {
    return pool == null ? "managed cluster " + cluster : "agent pool " + pool + " of managed cluster " + cluster;
  }

  OperationRecord record() {
    return new OperationRecord(id, kind, subscription, resourceGroup, cluster, pool, started, ended, status,
        errorCode);
  }
}
