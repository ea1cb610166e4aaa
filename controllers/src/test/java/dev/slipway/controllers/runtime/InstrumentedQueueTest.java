package dev.slipway.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.extended.workqueue.DefaultRateLimitingQueue;
import io.kubernetes.client.extended.workqueue.ratelimiter.BucketRateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstrumentedQueueTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final DefaultRateLimitingQueue<String> delegate = new DefaultRateLimitingQueue<>(
      Executors.newSingleThreadExecutor(), new BucketRateLimiter<>(100, 100, Duration.ofSeconds(1)));
  private final InstrumentedQueue<String> queue = new InstrumentedQueue<>("nodepool", delegate, meters, nanos::get);

  @AfterEach
  void shutDown() {
    queue.shutDown();
  }

  @Test
  void recordsDepthAddsWaitAndWorkTimes() throws InterruptedException {
    queue.add("a");
    queue.add("a");
    queue.add("b");

    assertThat(gauge("workqueue.depth")).isEqualTo(2);
    assertThat(meters.get("workqueue.adds").tag("controller", "nodepool").tag("name", "nodepool").counter().count())
        .isEqualTo(3);

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(300));
    String first = queue.get();
    assertThat(meters.get("workqueue.queue.duration").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300);

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
    assertThat(gauge("workqueue.longest.running.processor")).isEqualTo(2.0);
    assertThat(gauge("workqueue.unfinished.work")).isEqualTo(2.0);
    queue.done(first);

    assertThat(meters.get("workqueue.work.duration").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(gauge("workqueue.longest.running.processor")).isZero();
    assertThat(gauge("workqueue.depth")).isEqualTo(1);
  }

  @Test
  void countsRateLimitedAddsAsRetries() {
    queue.addRateLimited("a");
    queue.addRateLimited("a");
    queue.addAfter("b", Duration.ofMinutes(1));

    assertThat(meters.get("workqueue.retries").counter().count()).isEqualTo(2);
    assertThat(meters.get("workqueue.adds").counter().count()).isEqualTo(3);
  }

  private double gauge(String name) {
    return meters.get(name).tag("controller", "nodepool").gauge().value();
  }
}
