package dev.slipway.provider.sim;

import static dev.slipway.provider.sim.SimFixtures.TEST_LATENCY;
import static dev.slipway.provider.sim.SimFixtures.cluster;
import static dev.slipway.provider.sim.SimFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import dev.slipway.testing.ManualClock;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated cloud against a real workload API server with KWOK: pools become real Nodes that turn Ready, the
 * state outlives the cloud instance that wrote it, and deleting a pool removes its Nodes and its state.
 */
@LocalKubernetes(workloads = true)
class SimCloudIT {

  private static final Duration GENEROUS = Duration.ofMinutes(2);

  private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));

  private SimCloud cloud(WorkloadServer workload) {
    Map<LatencyProfile, LatencyModel> latency = new EnumMap<>(LatencyProfile.class);
    latency.put(LatencyProfile.Fast, TEST_LATENCY);
    return new SimCloud(clock, new ConfigMapSimStateStore(workload.client()), workload, latency, SimFaults.none(),
        SimRandomness.seeded(7));
  }

  @Test
  void poolsBecomeReadyNodesThatOutliveTheCloudInstanceAndGoWithThePool(LocalControlPlane controlPlane,
      TestNamespace namespace) throws Exception {
    // Built the way the auto-configuration builds it at startup.
    WorkloadServer workload = SimProviderAutoConfiguration.workloadServer(controlPlane.kubeconfig(),
        Duration.ofSeconds(30));
    CoreV1Api core = new CoreV1Api(workload.client());
    SimCloud cloud = cloud(workload);
    ClusterTarget cluster = cluster(namespace.name(), "c1");
    ClusterTarget neighbour = cluster(namespace.name(), "c2");

    cloud.controlPlanes().ensure(cluster);
    cloud.controlPlanes().ensure(neighbour);
    clock.advance(Duration.ofSeconds(10));
    assertThat(cloud.controlPlanes().observe(cluster).endpoint()).isEqualTo(controlPlane.server());
    assertThat(cloud.controlPlanes().kubeconfig(cluster).yaml()).contains(controlPlane.server());

    Taint dedicated = new Taint("dedicated", "batch", Taint.Effect.NoSchedule);
    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 3, Map.of("team", "a"), List.of(dedicated))).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(cloud.nodePools().ensure(neighbour, pool("alpha", 1)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(5));
    NodePoolState alpha = cloud.nodePools().observe(cluster, "alpha");
    assertThat(alpha.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(cloud.nodePools().observe(neighbour, "alpha").machines()).hasSize(1);

    String selector = "sim.slipway.dev/cluster=" + namespace.name() + ".c1";
    List<V1Node> registered = core.listNode().labelSelector(selector).execute().getItems();
    assertThat(registered).hasSize(3);
    assertThat(registered.stream().map(n -> ProviderId.parse(n.getSpec().getProviderID())))
        .containsExactlyInAnyOrderElementsOf(alpha.machines());
    assertThat(registered).allSatisfy(node -> {
      assertThat(node.getMetadata().getLabels())
          .containsEntry("team", "a")
          .containsEntry("sim.slipway.dev/pool", "alpha")
          .containsEntry("node.kubernetes.io/instance-type", "sim-standard-2")
          .containsEntry("kubernetes.io/os", "linux");
      assertThat(node.getMetadata().getAnnotations()).containsEntry("kwok.x-k8s.io/node", "fake");
      assertThat(node.getSpec().getTaints())
          .contains(new V1Taint().key("dedicated").value("batch").effect("NoSchedule"));
    });
    assertThat(core.listNode().labelSelector("sim.slipway.dev/cluster=" + namespace.name() + ".c2").execute()
        .getItems()).as("the neighbour's machine 0 is a different Node").hasSize(1);
    await().atMost(GENEROUS).untilAsserted(() -> assertThat(
        core.listNode().labelSelector(selector).execute().getItems())
        .allSatisfy(node -> assertThat(node.getStatus().getConditions())
            .anySatisfy(c -> {
              assertThat(c.getType()).isEqualTo("Ready");
              assertThat(c.getStatus()).isEqualTo("True");
            })));

    // In place, like AKS: existing Nodes get the new labels and lose the dropped taint; other taints stay.
    String first = registered.get(0).getMetadata().getName();
    // Re-read and retry: KWOK's heartbeats move the Node's resourceVersion.
    await().atMost(GENEROUS).ignoreException(ApiException.class).untilAsserted(() -> {
      V1Node node = core.readNode(first).execute();
      node.getSpec().addTaintsItem(new V1Taint().key("someone.else/keep").effect("NoSchedule"));
      core.replaceNode(first, node).execute();
    });
    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 3, Map.of("team", "b"), List.of())).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(3));
    assertThat(cloud.nodePools().observe(cluster, "alpha").phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(core.listNode().labelSelector(selector).execute().getItems()).allSatisfy(node -> {
      assertThat(node.getMetadata().getLabels()).containsEntry("team", "b");
      assertThat(node.getSpec().getTaints() == null ? List.<V1Taint>of() : node.getSpec().getTaints())
          .noneMatch(t -> t.getKey().equals("dedicated"));
    });
    assertThat(core.readNode(first).execute().getSpec().getTaints())
        .anyMatch(t -> t.getKey().equals("someone.else/keep"));

    // A controller restart: a new cloud instance and a new client over the same workload server.
    SimCloud restarted = cloud(SimProviderAutoConfiguration.workloadServer(controlPlane.kubeconfig(),
        Duration.ofSeconds(30)));
    assertThat(restarted.nodePools().list(cluster)).containsExactly("alpha");
    NodePoolState seenAfterRestart = restarted.nodePools().observe(cluster, "alpha");
    assertThat(seenAfterRestart.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(seenAfterRestart.machines()).isEqualTo(alpha.machines());

    assertThat(restarted.nodePools().delete(cluster, "alpha").kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(cloud.nodePools().observe(cluster, "alpha").phase())
        .as("the first instance sees the deletion too").isEqualTo(ProvisioningPhase.DELETING);
    clock.advance(Duration.ofSeconds(4));
    assertThat(restarted.nodePools().observe(cluster, "alpha").phase()).isEqualTo(ProvisioningPhase.ABSENT);
    assertThat(core.listNode().labelSelector(selector).execute().getItems()).isEmpty();

    assertThat(restarted.controlPlanes().delete(cluster).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(5));
    assertThat(restarted.controlPlanes().delete(cluster)).isEqualTo(OperationStatus.done());
    assertThat(configMapExists(core, namespace.name(), "c1")).as("state of the deleted cluster").isFalse();
    assertThat(configMapExists(core, namespace.name(), "c2")).as("state of the neighbour").isTrue();
  }

  private static boolean configMapExists(CoreV1Api core, String namespace, String name) throws ApiException {
    try {
      core.readNamespacedConfigMap(ConfigMapSimStateStore.configMapName(namespace, name),
          ConfigMapSimStateStore.NAMESPACE).execute();
      return true;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Test
  void concurrentWritersOfOneClusterDoNotLoseChanges(LocalControlPlane controlPlane, TestNamespace namespace)
      throws CloudException {
    WorkloadServer workload = SimProviderAutoConfiguration.workloadServer(controlPlane.kubeconfig(),
        Duration.ofSeconds(30));
    ClusterTarget cluster = cluster(namespace.name(), "grants");
    SimCloud first = cloud(workload);
    SimCloud second = cloud(workload);
    first.controlPlanes().ensure(cluster);
    clock.advance(Duration.ofSeconds(10));

    ConfigMapSimStateStore store = new ConfigMapSimStateStore(workload.client());
    SimStateStore.Versioned stale = store.read(namespace.name(), "grants");
    first.registryAccess().grant(cluster, "registry-1");
    assertThat(store.write(namespace.name(), "grants", stale.state(), stale.version()))
        .as("a write against a stale resourceVersion").isFalse();
    second.registryAccess().grant(cluster, "registry-2");

    assertThat(first.registryAccess().isGranted(cluster, "registry-1")).isTrue();
    assertThat(first.registryAccess().isGranted(cluster, "registry-2")).isTrue();
  }
}
