package dev.slipway.controllers.runtime;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.WorkQueue;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Enqueues the key an object maps to (nothing for null) on every add, update and delete. The event kind is ignored
 * on purpose: reconcilers are level-based and decide from observed state.
 */
public final class EnqueueHandler<T extends KubernetesObject> implements ResourceEventHandler<T> {

  private final WorkQueue<Request> queue;
  private final Function<T, Collection<Request>> keys;
  private final BiPredicate<T, T> updateMatters;

  private EnqueueHandler(WorkQueue<Request> queue, Function<T, Collection<Request>> keys,
      BiPredicate<T, T> updateMatters) {
    this.queue = queue;
    this.keys = keys;
    this.updateMatters = updateMatters;
  }

  private EnqueueHandler(WorkQueue<Request> queue, Function<T, Collection<Request>> keys) {
    this(queue, keys, (before, after) -> true);
  }

  /**
   * This handler, enqueueing on an update only when {@code matters(before, after)}: adds and deletes always enqueue.
   * For watches of other kinds whose every status write would otherwise wake the owner for nothing.
   */
  public EnqueueHandler<T> onUpdateOnlyIf(BiPredicate<T, T> matters) {
    return new EnqueueHandler<>(queue, keys, matters);
  }

  /**
   * Whether an update changed more than status: the spec (generation), the deletion timestamp or the finalizers.
   */
  public static boolean specOrLifecycleChanged(KubernetesObject before, KubernetesObject after) {
    V1ObjectMeta was = before.getMetadata();
    V1ObjectMeta now = after.getMetadata();
    return !Objects.equals(was.getGeneration(), now.getGeneration())
        || !Objects.equals(was.getDeletionTimestamp(), now.getDeletionTimestamp())
        || !Objects.equals(was.getFinalizers(), now.getFinalizers());
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

  /**
   * Whether an update changed more than status: {@link #specOrLifecycleChanged}, labels or annotations. Status is
   * what the controller itself writes; a status-only update would wake it to find what it just wrote.
   */
  public static boolean moreThanStatusChanged(KubernetesObject before, KubernetesObject after) {
    return specOrLifecycleChanged(before, after)
        || !Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
        || !Objects.equals(before.getMetadata().getAnnotations(), after.getMetadata().getAnnotations());
  }

  /** The handler for a controller's own kind: the object's namespace/name, on every add, update and delete. */
  public static <T extends KubernetesObject> EnqueueHandler<T> self(WorkQueue<Request> queue) {
    return of(queue, o -> new Request(o.getMetadata().getNamespace(), o.getMetadata().getName()));
  }

  /**
   * The handler for a pool controller's own kind (Nodepool, MachinePool): as {@link #self}, but on an update only
   * when {@link #moreThanStatusChanged}. Its own status writes (one to three per object and change) do not wake it
   * again, each of which would cost a pass and, for a MachinePool, a cloud call; it requeues itself while waiting,
   * is woken by its pools and Nodes, and the periodic resync re-reads everything.
   */
  public static <T extends KubernetesObject> EnqueueHandler<T> selfIgnoringStatus(WorkQueue<Request> queue) {
    return EnqueueHandler.<T>self(queue).onUpdateOnlyIf(EnqueueHandler::moreThanStatusChanged);
  }

  @Override
  public void onAdd(T object) {
    enqueue(object);
  }

  @Override
  public void onUpdate(T before, T after) {
    if (updateMatters.test(before, after)) {
      enqueue(after);
    }
  }

  @Override
  public void onDelete(T object, boolean stateUnknown) {
    enqueue(object);
  }

  private void enqueue(T object) {
    keys.apply(object).forEach(queue::add);
  }
}
