package dev.slipway.provider.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * A simulated control plane. Part of the persisted state.
 *
 * @param version the Kubernetes version it runs (an upgrade's target is recorded here when the upgrade completes)
 * @param region the region it was created in
 * @param operation the last operation started on it
 * @param operations how many operations were started, to seed each one's latencies differently
 */
record ControlPlaneRecord(String version, String region, OperationRecord operation, int operations) {

  ControlPlaneRecord {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(operation, "operation");
  }

  boolean inProgress(Instant now) {
    return operation.inProgress(now);
  }

  ControlPlaneRecord withVersion(String newVersion) {
    return new ControlPlaneRecord(newVersion, region, operation, operations);
  }

  ControlPlaneRecord withOperation(OperationRecord next) {
    return new ControlPlaneRecord(version, region, next, operations + 1);
  }
}
