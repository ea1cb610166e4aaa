package dev.slipway.controllers.runtime;

import dev.slipway.api.v1alpha1.SlipwayResource;
import io.kubernetes.client.openapi.ApiException;

/**
 * A write to the management cluster failed. The reconcile pass is requeued with backoff; a 409 means the decision
 * was made from a stale cache and is retried quietly.
 */
public class WriteFailedException extends RuntimeException {

  private final int httpStatus;

  public WriteFailedException(String message) {
    this(message, 0);
  }

  public WriteFailedException(String message, int httpStatus) {
    super(message);
    this.httpStatus = httpStatus;
  }

  WriteFailedException(String verb, SlipwayResource<?, ?> object, ApiException cause) {
    super(verb + " " + object.getKind() + " " + object.getMetadata().getNamespace() + "/"
        + object.getMetadata().getName() + ": HTTP " + cause.getCode() + " " + cause.getResponseBody(), cause);
    this.httpStatus = cause.getCode();
  }

  /** Whether the write lost a race with another writer (resourceVersion conflict). */
  public boolean isConflict() {
    return httpStatus == 409;
  }
}
