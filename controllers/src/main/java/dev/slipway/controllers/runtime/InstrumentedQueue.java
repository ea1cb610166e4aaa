package dev.slipway.controllers.runtime;

import io.kubernetes.client.extended.workqueue.RateLimitingQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A work queue that records controller-runtime's {@code workqueue_*} metrics (same names and labels, so dashboards
 * written for controller-runtime operators read Slipway too): depth, adds, retries, time waiting in the queue, time
 * being worked on, and the age of unfinished work.
 *
 * <p>Times are taken per item: from its first add (or the end of its delay) until a worker takes it, and from then
 * until {@link #done}. An item added again while queued is one wait, as the queue itself deduplicates it.
 */
final class InstrumentedQueue<T> implements RateLimitingQueue<T> {

  /** Bucket bounds shared by the queue and reconcile time histograms (controller-runtime uses similar ones). */
  static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(60)};

  private final RateLimitingQueue<T> delegate;
  private final LongSupplier nanos;
  private final Map<T, Long> queuedSince = new ConcurrentHashMap<>();
  private final Map<T, Long> workingSince = new ConcurrentHashMap<>();
  private final Counter adds;
  private final Counter retries;
  private final Timer queueDuration;
  private final Timer workDuration;

  InstrumentedQueue(String controller, RateLimitingQueue<T> delegate, MeterRegistry meters, LongSupplier nanos) {
    this.delegate = delegate;
    this.nanos = nanos;
    Tags tags = Tags.of("controller", controller, "name", controller);
    this.adds = Counter.builder("workqueue.adds").description("Adds to the work queue").tags(tags)
        .register(meters);
    this.retries = Counter.builder("workqueue.retries").description("Rate-limited re-adds (retries after an error "
        + "or an immediate requeue)").tags(tags).register(meters);
    this.queueDuration = Timer.builder("workqueue.queue.duration").description("How long an item waits in the "
        + "queue before a worker takes it").tags(tags).serviceLevelObjectives(LATENCY_BUCKETS).register(meters);
    this.workDuration = Timer.builder("workqueue.work.duration").description("How long a worker works on an item")
        .tags(tags).serviceLevelObjectives(LATENCY_BUCKETS).register(meters);
    Gauge.builder("workqueue.depth", delegate, RateLimitingQueue::length).description("Items waiting in the queue")
        .tags(tags).register(meters);
    Gauge.builder("workqueue.unfinished.work", this, InstrumentedQueue::unfinishedWorkSeconds)
        .description("Seconds of work in progress that has not been observed by work duration yet; large values "
            + "mean stuck workers").baseUnit("seconds").tags(tags).register(meters);
    Gauge.builder("workqueue.longest.running.processor", this, InstrumentedQueue::longestRunningSeconds)
        .description("Seconds the longest running worker has been working on its item").baseUnit("seconds")
        .tags(tags).register(meters);
  }

  @Override
  public void add(T item) {
    adds.increment();
    queuedSince.putIfAbsent(item, nanos.getAsLong());
    delegate.add(item);
  }

  @Override
  public void addAfter(T item, Duration duration) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      add(item);
      return;
    }
    // Counted now, waiting from the end of the delay: the item is not in the queue before then.
    adds.increment();
    queuedSince.putIfAbsent(item, nanos.getAsLong() + duration.toNanos());
    delegate.addAfter(item, duration);
  }

  @Override
  public void addRateLimited(T item) {
    retries.increment();
    adds.increment();
    queuedSince.putIfAbsent(item, nanos.getAsLong());
    delegate.addRateLimited(item);
  }

  @Override
  public T get() throws InterruptedException {
    T item = delegate.get();
    if (item != null) {
      long now = nanos.getAsLong();
      Long since = queuedSince.remove(item);
      if (since != null) {
        queueDuration.record(Math.max(0, now - since), TimeUnit.NANOSECONDS);
      }
      workingSince.put(item, now);
    }
    return item;
  }

  @Override
  public void done(T item) {
    Long since = workingSince.remove(item);
    if (since != null) {
      workDuration.record(Math.max(0, nanos.getAsLong() - since), TimeUnit.NANOSECONDS);
    }
    delegate.done(item);
  }

  @Override
  public void forget(T item) {
    delegate.forget(item);
  }

  @Override
  public int numRequeues(T item) {
    return delegate.numRequeues(item);
  }

  @Override
  public int length() {
    return delegate.length();
  }

  @Override
  public void shutDown() {
    delegate.shutDown();
  }

  @Override
  public boolean isShuttingDown() {
    return delegate.isShuttingDown();
  }

  private double unfinishedWorkSeconds() {
    long now = nanos.getAsLong();
    return workingSince.values().stream().mapToLong(since -> now - since).sum() / 1e9;
  }

  private double longestRunningSeconds() {
    long now = nanos.getAsLong();
    return workingSince.values().stream().mapToLong(since -> now - since).max().orElse(0) / 1e9;
  }
}
