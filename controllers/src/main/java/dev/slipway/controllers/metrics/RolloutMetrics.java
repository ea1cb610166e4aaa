package dev.slipway.controllers.metrics;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.provider.Providers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Counters and histograms of node pool replacements, labelled by cloud provider. Recorded by the Nodepool controller
 * when a rollout's step changes in the status it writes, and by the drain code when it evicts and finishes nodes.
 * Counts are per process: a new leader starts from zero, which {@code rate()} and {@code increase()} handle.
 */
@Component
public class RolloutMetrics {

  /** Bounds of {@code slipway_rollout_duration_seconds}: a minute to a working day. */
  static final Duration[] ROLLOUT_BUCKETS = {
      Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
      Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
      Duration.ofHours(4), Duration.ofHours(8)};

  private static final int REMEMBERED_NODES = 10_000;

  public static final String SUCCEEDED = "succeeded";
  public static final String CANCELLED = "cancelled";

  private final MeterRegistry meters;
  /** Nodes already counted as drained, the most recent {@link #REMEMBERED_NODES}. */
  private final Map<String, Boolean> drainedNodes = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_NODES;
    }
  };

  /**
   * Registers every series at zero for each configured provider, so that {@code rate()} and alert expressions have
   * data before the first rollout (Prometheus' advice for labelled counters).
   */
  public RolloutMetrics(MeterRegistry meters, Providers providers) {
    this.meters = meters;
    for (CloudProvider configured : providers.configured()) {
      String provider = provider(configured);
      rolloutStarted(provider, 0);
      for (String outcome : List.of(SUCCEEDED, CANCELLED)) {
        finished(provider, outcome).increment(0);
        duration(provider, outcome);
      }
      nodesDrained(provider).increment(0);
      podsEvicted(provider).increment(0);
      drainsBlocked(provider).increment(0);
      NodeReadyMetrics.timer(meters, provider);
    }
  }

  /** The label value of a provider: {@code aws}, {@code azure}, {@code sim}, or {@code unknown}. */
  public static String provider(CloudProvider provider) {
    return provider == null ? "unknown" : provider.value();
  }

  public void rolloutStarted(String provider) {
    rolloutStarted(provider, 1);
  }

  private void rolloutStarted(String provider, int count) {
    Counter.builder("slipway.rollouts.started").description("Node pool replacements started")
        .tag("provider", provider).register(meters).increment(count);
  }

  /** A rollout that ended: {@code succeeded} (the new pool serves) or {@code cancelled} (the change was reverted). */
  public void rolloutFinished(String provider, String outcome, Duration took) {
    finished(provider, outcome).increment();
    if (took != null && !took.isNegative()) {
      duration(provider, outcome).record(took);
    }
  }

  /**
   * A node's drain completed. Counted once per node: a pass that runs again before the cache shows the node's
   * drained mark (the informer lags the write) finds it complete a second time.
   */
  public void nodeDrained(String provider, String nodeKey) {
    synchronized (drainedNodes) {
      if (drainedNodes.put(nodeKey, Boolean.TRUE) != null) {
        return;
      }
    }
    nodesDrained(provider).increment();
  }

  public void podsEvicted(String provider, int count) {
    if (count > 0) {
      podsEvicted(provider).increment(count);
    }
  }

  /** A nodepool's drain became blocked (a PodDisruptionBudget or an undrainable pod refused eviction). */
  public void drainBlocked(String provider) {
    drainsBlocked(provider).increment();
  }

  private Counter finished(String provider, String outcome) {
    return Counter.builder("slipway.rollouts.finished").description("Node pool replacements finished, by outcome")
        .tag("provider", provider).tag("outcome", outcome).register(meters);
  }

  private Timer duration(String provider, String outcome) {
    return Timer.builder("slipway.rollout.duration").description("From a rollout's start to its end")
        .tag("provider", provider).tag("outcome", outcome).serviceLevelObjectives(ROLLOUT_BUCKETS).register(meters);
  }

  private Counter nodesDrained(String provider) {
    return Counter.builder("slipway.nodes.drained").description("Old nodes fully drained by rollouts")
        .tag("provider", provider).register(meters);
  }

  private Counter podsEvicted(String provider) {
    return Counter.builder("slipway.pods.evicted").description("Pods evicted (or, after a drain timeout with policy "
        + "ForceDelete, deleted) by drains").tag("provider", provider).register(meters);
  }

  private Counter drainsBlocked(String provider) {
    return Counter.builder("slipway.drains.blocked").description("Drains that became blocked by a "
        + "PodDisruptionBudget or a pod that cannot be evicted").tag("provider", provider).register(meters);
  }
}
