package dev.slipway.controllers.runtime;

import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.openapi.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Wraps every reconcile: puts the controller, namespace and name in the logging context (reconcilers add the
 * cluster), times it, and turns an escaped exception into a rate-limited requeue with the error logged in context.
 */
final class InstrumentedReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(InstrumentedReconciler.class);

  private final String controller;
  private final Reconciler delegate;
  private final MeterRegistry meters;

  InstrumentedReconciler(String controller, Reconciler delegate, MeterRegistry meters) {
    this.controller = controller;
    this.delegate = delegate;
    this.meters = meters;
  }

  @Override
  public Result reconcile(Request request) {
    MDC.put("controller", controller);
    MDC.put("namespace", request.getNamespace());
    MDC.put("name", request.getName());
    Timer.Sample sample = Timer.start(meters);
    String outcome = "success";
    try {
      Result result = delegate.reconcile(request);
      if (result.isRequeue() && result.getRequeueAfter() == null) {
        outcome = "requeue";
      }
      return result;
    } catch (RuntimeException e) {
      outcome = "error";
      Throwable cause = e.getCause() instanceof ApiException ? e.getCause() : e;
      boolean conflict = (e instanceof WriteFailedException w && w.isConflict())
          || (cause instanceof ApiException api && api.getCode() == 409);
      if (conflict) {
        LOG.debug("Conflict writing {}/{}; requeued", request.getNamespace(), request.getName());
        outcome = "conflict";
      } else {
        LOG.warn("Reconcile of {}/{} failed; requeued with backoff: {}", request.getNamespace(), request.getName(),
            describe(cause), cause);
      }
      return new Result(true);
    } finally {
      sample.stop(meters.timer("slipway.reconcile", "controller", controller, "outcome", outcome));
      MDC.clear();
    }
  }

  private static String describe(Throwable error) {
    if (error instanceof ApiException api) {
      return "HTTP " + api.getCode() + " " + api.getResponseBody();
    }
    return error.toString();
  }
}
