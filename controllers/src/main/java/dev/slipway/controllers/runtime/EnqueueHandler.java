package dev.slipway.controllers.runtime;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.WorkQueue;
import io.kubernetes.client.informer.ResourceEventHandler;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Enqueues the key an object maps to (nothing for null) on every add, update and delete. The event kind is ignored
 * on purpose: reconcilers are level-based and decide from observed state.
 */
public final class EnqueueHandler<T extends KubernetesObject> implements ResourceEventHandler<T> {

  private final WorkQueue<Request> queue;
  private final Function<T, Collection<Request>> keys;

  private EnqueueHandler(WorkQueue<Request> queue, Function<T, Collection<Request>> keys) {
    this.queue = queue;
    this.keys = keys;
  }

  /** Enqueues the one key an object maps to, or nothing when it maps to null. */
  public static <T extends KubernetesObject> EnqueueHandler<T> of(WorkQueue<Request> queue,
      Function<T, Request> key) {
    return new EnqueueHandler<>(queue, o -> {
      Request request = key.apply(o);
      return request == null ? List.of() : List.of(request);
    });
  }

  /** Enqueues every key an object maps to, e.g. the Nodepools of a Cluster. */
  public static <T extends KubernetesObject> EnqueueHandler<T> toMany(WorkQueue<Request> queue,
      Function<T, Collection<Request>> keys) {
    return new EnqueueHandler<>(queue, keys);
  }

  /** The handler for a controller's own kind: the object's namespace/name. */
  public static <T extends KubernetesObject> EnqueueHandler<T> self(WorkQueue<Request> queue) {
    return of(queue, o -> new Request(o.getMetadata().getNamespace(), o.getMetadata().getName()));
  }

  @Override
  public void onAdd(T object) {
    enqueue(object);
  }

  @Override
  public void onUpdate(T before, T after) {
    enqueue(after);
  }

  @Override
  public void onDelete(T object, boolean stateUnknown) {
    enqueue(object);
  }

  private void enqueue(T object) {
    keys.apply(object).forEach(queue::add);
  }
}
