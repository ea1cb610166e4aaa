package dev.slipway.controllers.metrics;

import dev.slipway.controllers.runtime.ManagementInformers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The fleet gauges ({@code slipway_clusters}, {@code slipway_nodepools}, {@code slipway_nodepools_rolling_out},
 * {@code slipway_nodepools_drain_blocked}, {@code slipway_nodepool_drain_blocked_max_seconds},
 * {@code slipway_nodepool_rollout_max_seconds}), recomputed from the informer caches every
 * {@link #REFRESH}: one pass over cached objects, no API request. Only the leader's caches are filled, so only the
 * leader reports them; a follower reports none, and sums over replicas count the fleet once.
 */
@Component
@ConditionalOnProperty(name = "slipway.controllers.enabled", havingValue = "true", matchIfMissing = true)
public class FleetMetrics implements SmartLifecycle {

  static final Duration REFRESH = Duration.ofSeconds(15);

  private static final Logger LOG = LoggerFactory.getLogger(FleetMetrics.class);

  private final ManagementInformers informers;
  private final Clock clock;
  private final MultiGauge clusters;
  private final MultiGauge nodepools;
  private final MultiGauge rollingOut;
  private final MultiGauge drainBlocked;
  private final MultiGauge longestDrainBlock;
  private final MultiGauge oldestRollout;
  private volatile ScheduledExecutorService executor;

  public FleetMetrics(ManagementInformers informers, Clock clock, MeterRegistry meters) {
    this.informers = informers;
    this.clock = clock;
    this.clusters = MultiGauge.builder("slipway.clusters").description("Clusters by provider, phase and version")
        .register(meters);
    this.nodepools = MultiGauge.builder("slipway.nodepools").description("Nodepools by provider and phase")
        .register(meters);
    this.rollingOut = MultiGauge.builder("slipway.nodepools.rolling.out").description("Nodepools replacing their "
        + "pool now").register(meters);
    this.drainBlocked = MultiGauge.builder("slipway.nodepools.drain.blocked").description("Nodepools whose drain "
        + "is blocked now").register(meters);
    this.longestDrainBlock = MultiGauge.builder("slipway.nodepool.drain.blocked.max").baseUnit("seconds")
        .description("How long the longest current drain block has lasted").register(meters);
    this.oldestRollout = MultiGauge.builder("slipway.nodepool.rollout.max").baseUnit("seconds")
        .description("Age of the oldest running rollout").register(meters);
  }

  /** Recomputes every gauge now. */
  public void refresh() {
    if (!informers.hasSynced()) {
      register(FleetSnapshot.of(List.of(), List.of(), (ns, name) -> null, clock.instant()));
      return;
    }
    register(FleetSnapshot.of(informers.clusters().getIndexer().list(), informers.nodepools().getIndexer().list(),
        informers::cluster, clock.instant()));
  }

  private void register(FleetSnapshot snapshot) {
    List<MultiGauge.Row<?>> clusterRows = new ArrayList<>();
    snapshot.clusters().forEach((key, count) -> clusterRows.add(MultiGauge.Row.of(
        Tags.of("provider", key.get(0), "phase", key.get(1), "version", key.get(2)), count)));
    clusters.register(clusterRows, true);
    List<MultiGauge.Row<?>> nodepoolRows = new ArrayList<>();
    snapshot.nodepools().forEach((key, count) -> nodepoolRows.add(MultiGauge.Row.of(
        Tags.of("provider", key.get(0), "phase", key.get(1)), count)));
    nodepools.register(nodepoolRows, true);
    perProvider(rollingOut, snapshot, f -> f.rollingOut());
    perProvider(drainBlocked, snapshot, f -> f.drainBlocked());
    perProvider(longestDrainBlock, snapshot, f -> f.longestDrainBlock().toMillis() / 1000.0);
    perProvider(oldestRollout, snapshot, f -> f.oldestRollout().toMillis() / 1000.0);
  }

  private static void perProvider(MultiGauge gauge, FleetSnapshot snapshot,
      ToDoubleFunction<FleetSnapshot.ProviderFigures> value) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (Map.Entry<String, FleetSnapshot.ProviderFigures> entry : snapshot.perProvider().entrySet()) {
      rows.add(MultiGauge.Row.of(Tags.of("provider", entry.getKey()), value.applyAsDouble(entry.getValue())));
    }
    gauge.register(rows, true);
  }

  @Override
  public void start() {
    executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "slipway-fleet-metrics");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::refreshLogged, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refreshLogged() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; the gauges must keep refreshing.
      LOG.warn("Could not refresh the fleet gauges", e);
    }
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null && !executor.isShutdown();
  }
}
