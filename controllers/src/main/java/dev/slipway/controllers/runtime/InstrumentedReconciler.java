package dev.slipway.controllers.runtime;

import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.openapi.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Wraps every reconcile: puts the controller, namespace and name in the logging context (reconcilers add the
 * cluster), times it, and turns an escaped exception into a rate-limited requeue with the error logged in context.
 *
 * <p>Records controller-runtime's metrics under its names: {@code controller_runtime_reconcile_total{controller,
 * result}} (success, error, requeue, requeue_after), {@code controller_runtime_reconcile_errors_total},
 * {@code controller_runtime_reconcile_time_seconds} and {@code controller_runtime_active_workers}. A write conflict
 * (409) counts as result {@code requeue}, not as an error: it only means the cache was behind.
 */
final class InstrumentedReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(InstrumentedReconciler.class);

  private static final String SUCCESS = "success";
  private static final String ERROR = "error";
  private static final String REQUEUE = "requeue";
  private static final String REQUEUE_AFTER = "requeue_after";

  private final String controller;
  private final Reconciler delegate;
  private final Timer time;
  private final Counter errors;
  private final Map<String, Counter> results;
  private final AtomicInteger active = new AtomicInteger();

  InstrumentedReconciler(String controller, Reconciler delegate, MeterRegistry meters) {
    this.controller = controller;
    this.delegate = delegate;
    this.time = Timer.builder("controller.runtime.reconcile.time").description("Time per reconcile")
        .tag("controller", controller).serviceLevelObjectives(InstrumentedQueue.LATENCY_BUCKETS).register(meters);
    this.errors = Counter.builder("controller.runtime.reconcile.errors").description("Reconciles that failed with "
        + "an error").tag("controller", controller).register(meters);
    this.results = Map.of(
        SUCCESS, result(meters, controller, SUCCESS),
        ERROR, result(meters, controller, ERROR),
        REQUEUE, result(meters, controller, REQUEUE),
        REQUEUE_AFTER, result(meters, controller, REQUEUE_AFTER));
    Gauge.builder("controller.runtime.active.workers", active, AtomicInteger::get)
        .description("Workers reconciling right now").tag("controller", controller).register(meters);
  }

  private static Counter result(MeterRegistry meters, String controller, String result) {
    return Counter.builder("controller.runtime.reconcile").description("Reconciles by result")
        .tag("controller", controller).tag("result", result).register(meters);
  }

  @Override
  public Result reconcile(Request request) {
    MDC.put("controller", controller);
    MDC.put("namespace", request.getNamespace());
    MDC.put("name", request.getName());
    long started = System.nanoTime();
    active.incrementAndGet();
    String outcome = SUCCESS;
    try {
      Result result = delegate.reconcile(request);
      if (result.isRequeue()) {
        outcome = result.getRequeueAfter() == null ? REQUEUE : REQUEUE_AFTER;
      }
      return result;
    } catch (RuntimeException e) {
      outcome = ERROR;
      Throwable cause = e.getCause() instanceof ApiException ? e.getCause() : e;
      boolean conflict = (e instanceof WriteFailedException w && w.isConflict())
          || (cause instanceof ApiException api && api.getCode() == 409);
      if (conflict) {
        LOG.debug("Conflict writing {}/{}; requeued", request.getNamespace(), request.getName());
        outcome = REQUEUE;
      } else {
        LOG.warn("Reconcile of {}/{} failed; requeued with backoff: {}", request.getNamespace(), request.getName(),
            describe(cause), cause);
      }
      return new Result(true);
    } finally {
      active.decrementAndGet();
      time.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      results.get(outcome).increment();
      if (ERROR.equals(outcome)) {
        errors.increment();
      }
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
