package dev.slipway.controllers.runtime;

import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.WorkQueue;

/**
 * One controller as the {@link ControllerRunner} runs it: a level-based reconciler, how many workers drain its
 * queue, and which events put which keys on that queue.
 */
public interface ControllerDefinition {

  /** Short name for logs, metrics and worker threads, e.g. {@code nodepool}. */
  String name();

  /** Worker threads, read once at start. */
  int workers(SlipwayProperties properties);

  Reconciler reconciler();

  /**
   * Registers the informer event handlers that enqueue keys for this controller. Called once, before the informers
   * start. Handlers only map an event to keys; what to do is decided by the reconciler from observed state.
   */
  void watch(WorkQueue<Request> queue);
}
