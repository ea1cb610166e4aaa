package dev.slipway.controllers.drain;

/**
 * A workload-cluster call during cordon or drain failed in a way this pass cannot handle (not "gone", not "blocked
 * by a PodDisruptionBudget"). The message names the step and the object; the caller treats it as transient and
 * requeues with backoff.
 */
public final class NodeOperationException extends RuntimeException {

  private final int httpStatus;

  NodeOperationException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the API server answered, or 0 when the request got no answer (connection failure). */
  public int httpStatus() {
    return httpStatus;
  }
}
