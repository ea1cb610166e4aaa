package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.NodeRef;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nodes are identified only by full canonical providerID: two nodepools whose nodes' providerIDs end in the same
 * ordinals ({@code .../virtualMachines/0}, {@code /1}) are replaced and scaled independently, and neither ever
 * cordons, drains or deletes a node of the other. Ends by deleting the Cluster, which must remove its nodepools,
 * machine pools, kubeconfig Secret and everything in the simulated cloud.
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeIdentityE2E {

  private static final Duration SETTLE = Duration.ofMinutes(4);

  private SlipwayFixture fixture;
  private ControllerProcess controllers;
  private String group;

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace) {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    group = namespace.name();
    controllers = fixture.startControllers("controllers-identity");
    fixture.apply(SlipwayFixture.simCluster("twins") + """
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: alpha
        spec:
          clusterName: twins
          replicas: 2
          nodeLabels:
            e2e.slipway.dev/group: %1$s
            e2e.slipway.dev/pool: alpha
          template:
            machineType: sim.small
            osImage: AL2
        ---
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: beta
        spec:
          clusterName: twins
          replicas: 2
          nodeLabels:
            e2e.slipway.dev/group: %1$s
            e2e.slipway.dev/pool: beta
          template:
            machineType: sim.small
            osImage: AL2
        """.formatted(group));
    fixture.awaitNodepoolSettled("alpha", SETTLE, np -> true);
    fixture.awaitNodepoolSettled("beta", SETTLE, np -> true);
  }

  @AfterAll
  void stop() {
    if (controllers != null) {
      controllers.close();
    }
  }

  @Test
  @Order(1)
  void thePoolsProviderIdsShareTheirTrailingOrdinals() {
    MachinePool alpha = activePool("alpha");
    MachinePool beta = activePool("beta");
    Set<String> alphaOrdinals = ordinals(alpha);
    assertThat(alphaOrdinals).isEqualTo(Set.of("0", "1")).isEqualTo(ordinals(beta));
    assertThat(alpha.getStatus().providerIDList()).doesNotContainAnyElementsOf(beta.getStatus().providerIDList());
  }

  @Test
  @Order(2)
  void replacingOnePoolNeverTouchesTheOthersNodes() throws ApiException {
    Map<String, String> betaBefore = nodeUids("beta");
    try (NodeWatch watch = new NodeWatch(fixture, "e2e.slipway.dev/pool=beta")) {
      String oldAlpha = activePool("alpha").getMetadata().getName();
      fixture.editNodepool("alpha", spec -> new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(),
          spec.autoscaling(), new MachineTemplate(spec.template().machineType(), OsImage.Bottlerocket,
              spec.template().architecture(), spec.template().diskSize(), spec.template().diskType(),
              spec.template().maxPods(), spec.template().capacityType(), spec.template().zones()),
          spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout()));
      fixture.awaitNodepoolSettled("alpha", SETTLE,
          np -> !np.getStatus().activeMachinePool().name().equals(oldAlpha));
      assertThat(watch.everCordoned()).as("beta nodes ever cordoned or marked for drain").isEmpty();
    }
    assertThat(nodeUids("beta")).isEqualTo(betaBefore);
  }

  @Test
  @Order(3)
  void scalingOnePoolDownRemovesOnlyItsOwnHighestOrdinal() throws ApiException {
    Map<String, String> betaBefore = nodeUids("beta");
    try (NodeWatch watch = new NodeWatch(fixture, "e2e.slipway.dev/pool=beta")) {
      fixture.editNodepool("alpha", spec -> new NodepoolSpec(spec.clusterName(), spec.version(), 1,
          spec.autoscaling(), spec.template(), spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout()));
      fixture.awaitNodepoolSettled("alpha", SETTLE, np -> Integer.valueOf(1).equals(np.getStatus().replicas()));
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
          assertThat(fixture.nodes("e2e.slipway.dev/pool=alpha")).hasSize(1));
      assertThat(watch.everCordoned()).isEmpty();
    }
    assertThat(ordinals(activePool("alpha"))).containsExactly("0");
    assertThat(nodeUids("beta")).isEqualTo(betaBefore);
    assertThat(ordinals(activePool("beta"))).containsExactlyInAnyOrder("0", "1");
  }

  @Test
  @Order(4)
  void deletingTheClusterRemovesEverythingItOwns() throws ApiException {
    assertThat(fixture.cloudPools("twins")).hasSize(2);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> fixture.clusters
        .delete(fixture.namespace, "twins").isSuccess());
    await().atMost(SETTLE).until(() -> fixture.cluster("twins") == null);
    assertThat(fixture.nodepools.list(fixture.namespace).getObject().getItems()).isEmpty();
    assertThat(fixture.machinePools.list(fixture.namespace).getObject().getItems()).isEmpty();
    assertThat(fixture.cloudHasCluster("twins")).isFalse();
    assertThat(fixture.nodes("e2e.slipway.dev/group=" + group)).isEmpty();
    await().atMost(Duration.ofSeconds(30)).until(() -> new CoreV1Api(fixture.client)
        .listNamespacedSecret(fixture.namespace).execute().getItems().stream()
        .noneMatch(s -> s.getMetadata().getName().equals("twins-kubeconfig")));
  }

  private MachinePool activePool(String nodepool) {
    return fixture.machinePool(fixture.nodepool(nodepool).getStatus().activeMachinePool().name());
  }

  private static Set<String> ordinals(MachinePool pool) {
    return pool.getStatus().nodeRefs().stream().map(NodeRef::providerID)
        .map(id -> ProviderId.parse(id).lastSegment()).collect(Collectors.toSet());
  }

  private Map<String, String> nodeUids(String pool) throws ApiException {
    Map<String, String> uids = new HashMap<>();
    for (V1Node node : fixture.nodes("e2e.slipway.dev/pool=" + pool)) {
      uids.put(node.getMetadata().getName(), node.getMetadata().getUid());
    }
    return uids;
  }

  /** Polls Nodes every 100 ms and remembers any that was ever unschedulable or carried a drain mark. */
  private static final class NodeWatch implements AutoCloseable {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> touched = ConcurrentHashMap.newKeySet();

    NodeWatch(SlipwayFixture fixture, String selector) {
      executor.scheduleWithFixedDelay(() -> {
        try {
          for (V1Node node : fixture.nodes(selector)) {
            Map<String, String> annotations = node.getMetadata().getAnnotations() == null ? Map.of()
                : node.getMetadata().getAnnotations();
            if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())
                || annotations.keySet().stream().anyMatch(k -> k.startsWith("slipway.dev/"))) {
              touched.add(node.getMetadata().getName());
            }
          }
        } catch (ApiException e) {
          // A failed sample is only a missed sample.
        }
      }, 0, 100, TimeUnit.MILLISECONDS);
    }

    List<String> everCordoned() {
      return List.copyOf(touched);
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }
}
