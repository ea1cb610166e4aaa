package dev.slipway.controllers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.api.v1alpha1.ClusterStatus;
import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.api.v1alpha1.NodepoolStatus;
import dev.slipway.api.v1alpha1.RolloutStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetSnapshotTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void countsClustersAndNodepoolsAndFindsTheLongestBlockAndOldestRollout() {
    Cluster a = cluster("a", CloudProvider.SIM, "Ready", "1.35");
    Cluster b = cluster("b", CloudProvider.SIM, "Ready", "1.35");
    Cluster c = cluster("c", CloudProvider.AWS, null, null);
    Map<String, Cluster> byName = Map.of("a", a, "b", b, "c", c);
    List<Nodepool> nodepools = List.of(
        nodepool("a", "RollingOut", List.of(condition("RollingOut", 600), condition("DrainBlocked", 120)),
            rollout(NOW.minusSeconds(900))),
        nodepool("b", "RollingOut", List.of(condition("RollingOut", 60), condition("DrainBlocked", 300)),
            rollout(NOW.minusSeconds(60))),
        nodepool("b", "Ready", List.of(), null),
        nodepool("c", null, List.of(), null),
        nodepool("gone", "Pending", List.of(), null));

    FleetSnapshot snapshot = FleetSnapshot.of(List.of(a, b, c), nodepools, (ns, name) -> byName.get(name), NOW);

    assertThat(snapshot.clusters()).containsOnly(
        Map.entry(List.of("sim", "Ready", "1.35"), 2L),
        Map.entry(List.of("aws", "Pending", "1.34"), 1L));
    assertThat(snapshot.nodepools()).containsOnly(
        Map.entry(List.of("sim", "RollingOut"), 2L),
        Map.entry(List.of("sim", "Ready"), 1L),
        Map.entry(List.of("aws", "Pending"), 1L),
        Map.entry(List.of("unknown", "Pending"), 1L));
    FleetSnapshot.ProviderFigures sim = snapshot.perProvider().get("sim");
    assertThat(sim.rollingOut()).isEqualTo(2);
    assertThat(sim.drainBlocked()).isEqualTo(2);
    assertThat(sim.longestDrainBlock()).isEqualTo(Duration.ofSeconds(300));
    assertThat(sim.oldestRollout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(snapshot.perProvider().get("aws"))
        .isEqualTo(new FleetSnapshot.ProviderFigures(0, 0, Duration.ZERO, Duration.ZERO));
  }

  private static Cluster cluster(String name, CloudProvider provider, String phase, String version) {
    Cluster cluster = new Cluster();
    cluster.setMetadata(new V1ObjectMeta().namespace("team").name(name));
    cluster.setSpec(new ClusterSpec(provider, "eu-west-1", "1.34", null, null, null, null));
    if (phase != null) {
      cluster.setStatus(new ClusterStatus(1L, phase, List.of(), version, null, null, null));
    }
    return cluster;
  }

  private static Nodepool nodepool(String cluster, String phase, List<Condition> conditions, RolloutStatus rollout) {
    Nodepool nodepool = new Nodepool();
    nodepool.setMetadata(new V1ObjectMeta().namespace("team").name(cluster + "-pool"));
    nodepool.setSpec(new NodepoolSpec(cluster, null, null, null, null, null, null, null, null));
    if (phase != null) {
      nodepool.setStatus(new NodepoolStatus(1L, phase, conditions, null, null, null, null, null, null, rollout));
    }
    return nodepool;
  }

  private static Condition condition(String type, long secondsAgo) {
    return new Condition(type, ConditionStatus.TRUE, 1L, OffsetDateTime.ofInstant(NOW.minusSeconds(secondsAgo),
        ZoneOffset.UTC), "Reason", "");
  }

  private static RolloutStatus rollout(Instant started) {
    return new RolloutStatus("Draining", "abc", OffsetDateTime.ofInstant(started, ZoneOffset.UTC), null, 3, 1, 0);
  }
}
