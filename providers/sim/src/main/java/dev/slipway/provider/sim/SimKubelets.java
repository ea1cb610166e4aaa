package dev.slipway.provider.sim;

import dev.slipway.provider.ClusterTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated clusters' kubelets: brings a cluster up to the present when its next Node change is due (a machine's
 * Node registering, a removed machine's Node going away, a pool update reaching its Nodes), as a real kubelet
 * registers its Node without anyone calling the cloud. Without it a Node would appear only at the next cloud call
 * for its cluster, so the interval at which Slipway polls the cloud would show up as node-ready latency.
 *
 * <p>One wake-up is kept per cluster, at its earliest due change; each wake-up is one state read (and a write when
 * something was due) plus the Node writes, and handles everything due by then.
 */
final class SimKubelets implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimKubelets.class);

  /** After a failed wake-up (the workload API server not answering, a conflict), the next try. */
  static final Duration RETRY = Duration.ofSeconds(1);

  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Consumer<ClusterTarget> bringUpToDate;
  private final Map<String, Wakeup> wakeups = new ConcurrentHashMap<>();

  /**
   * @param clock the cloud's clock
   * @param bringUpToDate a call for the cluster that changes nothing but what is due (Nodes are written by it)
   */
  SimKubelets(Clock clock, Consumer<ClusterTarget> bringUpToDate) {
    this.clock = clock;
    this.bringUpToDate = bringUpToDate;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sim-kubelets");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** After a call left {@code cluster} in {@code state}: wakes it when its next Node change is due. */
  void changed(ClusterTarget cluster, SimClusterState state, Instant now) {
    Instant next = CloudProgress.nextChange(state, now);
    if (next != null) {
      wakeAt(cluster, next);
    }
  }

  private void wakeAt(ClusterTarget cluster, Instant at) {
    wakeups.compute(cluster.key(), (key, existing) -> {
      if (existing != null && !existing.future().isDone() && !existing.at().isAfter(at)) {
        return existing;
      }
      if (existing != null) {
        existing.future().cancel(false);
      }
      long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
      try {
        return new Wakeup(at, executor.schedule(() -> wake(cluster, at), delay, TimeUnit.MILLISECONDS));
      } catch (RejectedExecutionException closed) {
        LOG.debug("Simulated kubelets are closed; {} is brought up to date by its next call", key);
        return null;
      }
    });
  }

  private void wake(ClusterTarget cluster, Instant at) {
    // Forgets this wake-up first, so the call below can schedule the next one.
    wakeups.computeIfPresent(cluster.key(), (key, existing) -> existing.at().equals(at) ? null : existing);
    try {
      bringUpToDate.accept(cluster);
    } catch (RuntimeException e) {
      LOG.debug("Simulated Nodes of {} not brought up to date, retrying in {}: {}", cluster.key(), RETRY,
          e.toString());
      wakeAt(cluster, clock.instant().plus(RETRY));
    }
  }

  /** Clusters with a wake-up pending. */
  int pending() {
    return (int) wakeups.values().stream().filter(wakeup -> !wakeup.future().isDone()).count();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private record Wakeup(Instant at, ScheduledFuture<?> future) {
  }
}
