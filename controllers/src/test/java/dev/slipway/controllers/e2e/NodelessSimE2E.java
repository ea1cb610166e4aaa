package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node-less simulated cloud (no workload kubeconfig: no Nodes, state in the controllers' memory), the mode fleet
 * benchmarks run in: Clusters and Nodepools still converge, machines' readiness coming from the cloud, and a version
 * bump still replaces every pool (control plane first) with nothing to cordon or drain; deleting everything leaves
 * nothing, each MachinePool's finalizer waiting for the cloud to confirm its pool gone.
 */
@LocalKubernetes(workloads = true)
class NodelessSimE2E {

  private static final Duration CONVERGE = Duration.ofMinutes(3);
  private static final List<String> CLUSTERS = List.of("nl-a", "nl-b", "nl-c");

  @Test
  void clustersConvergeUpgradeAndGoAwayWithoutAnyNode(LocalControlPlane controlPlane, TestNamespace namespace)
      throws Exception {
    SlipwayFixture fixture = new SlipwayFixture(controlPlane, namespace.name());
    try (ControllerProcess controllers = fixture.startControllers("controllers-nodeless",
        Map.of("slipway.providers.sim.workload-kubeconfig", ""))) {
      StringBuilder yaml = new StringBuilder();
      for (String cluster : CLUSTERS) {
        yaml.append(SlipwayFixture.simCluster(cluster));
        for (String pool : List.of("system", "apps")) {
          yaml.append("""
              apiVersion: slipway.dev/v1alpha1
              kind: Nodepool
              metadata:
                name: %s-%s
              spec:
                clusterName: %s
                replicas: 2
                mode: %s
                template:
                  machineType: sim.small
                  osImage: AL2
              ---
              """.formatted(cluster, pool, cluster, pool.equals("system") ? "System" : "User"));
        }
      }
      fixture.apply(yaml.toString());
      Map<String, String> firstPools = new HashMap<>();
      for (String cluster : CLUSTERS) {
        fixture.awaitClusterReady(cluster, CONVERGE);
        for (String pool : List.of("system", "apps")) {
          Nodepool settled = fixture.awaitNodepoolSettled(cluster + "-" + pool, CONVERGE,
              np -> Integer.valueOf(2).equals(np.getStatus().readyReplicas()));
          firstPools.put(settled.getMetadata().getName(), settled.getStatus().activeMachinePool().name());
          MachinePool active = fixture.machinePool(settled.getStatus().activeMachinePool().name());
          assertThat(active.getStatus().providerIDList()).hasSize(2);
          assertThat(active.getStatus().nodeRefs()).isEmpty();
        }
      }
      for (String cluster : CLUSTERS) {
        // Other test classes' simulated Nodes share the workload server: only this namespace's clusters count.
        assertThat(fixture.nodes("sim.slipway.dev/cluster=" + namespace.name() + "." + cluster))
            .as("the node-less cloud registers no Node for %s", cluster).isEmpty();
      }

      CLUSTERS.forEach(cluster -> fixture.editCluster(cluster, spec -> withVersion(spec, "1.34")));
      for (String cluster : CLUSTERS) {
        await().atMost(CONVERGE).until(() -> "1.34".equals(fixture.cluster(cluster).getStatus().version()));
        for (String pool : List.of("system", "apps")) {
          String name = cluster + "-" + pool;
          Nodepool upgraded = fixture.awaitNodepoolSettled(name, CONVERGE,
              np -> !np.getStatus().activeMachinePool().name().equals(firstPools.get(name))
                  && Integer.valueOf(2).equals(np.getStatus().readyReplicas()));
          assertThat(fixture.machinePool(upgraded.getStatus().activeMachinePool().name()).getSpec().version())
              .startsWith("1.34");
          await().atMost(CONVERGE).until(() -> fixture.machinePoolsOf(name).size() == 1);
        }
      }

      CLUSTERS.forEach(cluster -> fixture.clusters.delete(fixture.namespace, cluster));
      await().atMost(CONVERGE).until(() -> CLUSTERS.stream().allMatch(c -> fixture.cluster(c) == null)
          && fixture.machinePools.list(fixture.namespace).getObject().getItems().isEmpty()
          && fixture.nodepools.list(fixture.namespace).getObject().getItems().isEmpty());
      assertThat(controllers.isAlive()).isTrue();
    }
  }

  private static ClusterSpec withVersion(ClusterSpec spec, String version) {
    return new ClusterSpec(spec.provider(), spec.region(), version, spec.paused(), spec.aws(), spec.azure(),
        spec.sim());
  }
}
