package dev.slipway.controllers.metrics;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.RolloutStatus;
import dev.slipway.controllers.conditions.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The fleet as the gauges show it, computed from cached objects. Pure: the same objects and instant give the same
 * snapshot.
 *
 * @param clusters Clusters by provider, phase and Kubernetes version (the version the control plane reports, else
 *     the spec's)
 * @param nodepools Nodepools by provider and phase
 * @param perProvider the per-provider figures, one entry for every provider with a Cluster or a Nodepool
 */
public record FleetSnapshot(Map<List<String>, Long> clusters, Map<List<String>, Long> nodepools,
    Map<String, ProviderFigures> perProvider) {

  /**
   * Figures of one provider.
   *
   * @param rollingOut Nodepools whose RollingOut condition is True
   * @param drainBlocked Nodepools whose DrainBlocked condition is True
   * @param longestDrainBlock how long the longest current DrainBlocked=True has lasted (zero when none)
   * @param oldestRollout age of the oldest running rollout (zero when none)
   */
  public record ProviderFigures(long rollingOut, long drainBlocked, Duration longestDrainBlock,
      Duration oldestRollout) {
  }

  /** Phase of an object without status yet. */
  static final String NO_PHASE = "Pending";

  public static FleetSnapshot of(Collection<Cluster> clusters, Collection<Nodepool> nodepools,
      BiFunction<String, String, Cluster> clusterOf, Instant now) {
    Map<List<String>, Long> clusterCounts = new TreeMap<>(FleetSnapshot::compare);
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Duration[]> ages = new TreeMap<>();
    for (Cluster cluster : clusters) {
      String provider = RolloutMetrics.provider(cluster.getSpec().provider());
      String phase = cluster.getStatus() == null || cluster.getStatus().phase() == null ? NO_PHASE
          : cluster.getStatus().phase();
      String version = cluster.getStatus() != null && cluster.getStatus().version() != null
          ? cluster.getStatus().version() : Objects.requireNonNullElse(cluster.getSpec().version(), "unknown");
      clusterCounts.merge(List.of(provider, phase, version), 1L, Long::sum);
      counts.computeIfAbsent(provider, p -> new long[2]);
      ages.computeIfAbsent(provider, p -> new Duration[] {Duration.ZERO, Duration.ZERO});
    }
    Map<List<String>, Long> nodepoolCounts = new TreeMap<>(FleetSnapshot::compare);
    for (Nodepool nodepool : nodepools) {
      Cluster cluster = clusterOf.apply(nodepool.getMetadata().getNamespace(), nodepool.getSpec().clusterName());
      String provider = cluster == null ? "unknown" : RolloutMetrics.provider(cluster.getSpec().provider());
      String phase = nodepool.getStatus() == null || nodepool.getStatus().phase() == null ? NO_PHASE
          : nodepool.getStatus().phase();
      nodepoolCounts.merge(List.of(provider, phase), 1L, Long::sum);
      long[] figures = counts.computeIfAbsent(provider, p -> new long[2]);
      Duration[] longest = ages.computeIfAbsent(provider, p -> new Duration[] {Duration.ZERO, Duration.ZERO});
      List<Condition> conditions = nodepool.getStatus() == null ? List.of() : nodepool.getStatus().conditions();
      if (Conditions.isTrue(conditions, ConditionTypes.ROLLING_OUT)) {
        figures[0]++;
        RolloutStatus rollout = nodepool.getStatus().rollout();
        if (rollout != null && rollout.startedAt() != null && rollout.finishedAt() == null) {
          longest[1] = max(longest[1], Duration.between(rollout.startedAt().toInstant(), now));
        }
      }
      Condition blocked = Conditions.find(conditions, ConditionTypes.DRAIN_BLOCKED);
      if (blocked != null && blocked.status() == ConditionStatus.TRUE) {
        figures[1]++;
        if (blocked.lastTransitionTime() != null) {
          longest[0] = max(longest[0], Duration.between(blocked.lastTransitionTime().toInstant(), now));
        }
      }
    }
    Map<String, ProviderFigures> perProvider = new TreeMap<>();
    counts.forEach((provider, figures) -> perProvider.put(provider, new ProviderFigures(figures[0], figures[1],
        ages.get(provider)[0], ages.get(provider)[1])));
    return new FleetSnapshot(Map.copyOf(clusterCounts), Map.copyOf(nodepoolCounts), Map.copyOf(perProvider));
  }

  private static Duration max(Duration a, Duration b) {
    return b.compareTo(a) > 0 ? b : a;
  }

  private static int compare(List<String> a, List<String> b) {
    return String.join("\u0000", a).compareTo(String.join("\u0000", b));
  }
}
