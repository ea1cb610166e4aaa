package dev.slipway.controllers.additionalconfig;

import dev.slipway.provider.CloudException;
import dev.slipway.provider.OperationStatus;

/**
 * What the cloud answered to one intent of a {@link ConfigPlan}: an operation status, or the call's error.
 * Exactly one of the two is non-null.
 */
record ChildOutcome(OperationStatus status, CloudException error) {

  static ChildOutcome of(OperationStatus status) {
    return new ChildOutcome(status, null);
  }

  static ChildOutcome failed(CloudException error) {
    return new ChildOutcome(null, error);
  }

  boolean isDone() {
    return status != null && status.isDone();
  }
}
