package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetSpec;
import io.kubernetes.client.custom.IntOrString;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replace-not-mutate on a real workload: a Deployment of 6 replicas with a PodDisruptionBudget {@code minAvailable: 5}
 * runs on a 3-node simulated nodepool; the Kubernetes version, then the OS image, then the machine type change. Each
 * time the Nodepool converges on a new MachinePool, the old cloud pool is gone, the pods run on the new nodes, and
 * a sampler of the Deployment's available replicas never saw fewer than 5.
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodepoolRolloutE2E {

  private static final Logger LOG = LoggerFactory.getLogger(NodepoolRolloutE2E.class);
  private static final Duration ROLLOUT = Duration.ofMinutes(4);

  private SlipwayFixture fixture;
  private ControllerProcess controllers;
  private String group;

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace) throws ApiException {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    group = namespace.name();
    controllers = fixture.startControllers("controllers-rollout");
    fixture.apply(SlipwayFixture.simCluster("shop") + """
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: apps
        spec:
          clusterName: shop
          replicas: 3
          nodeLabels:
            e2e.slipway.dev/group: %s
          template:
            machineType: sim.large
            osImage: AL2
          rollout:
            drainTimeout: 5m
        """.formatted(group));
    fixture.awaitNodepoolSettled("apps", ROLLOUT, np -> true);
    createWorkload();
  }

  @AfterAll
  void stop() {
    if (controllers != null) {
      LOG.info("Controller log tail:\n{}", controllers.logTail(60));
      controllers.close();
    }
  }

  private void createWorkload() throws ApiException {
    fixture.createWorkload("web", 6, Map.of("e2e.slipway.dev/group", group),
        new V1PodDisruptionBudgetSpec().minAvailable(new IntOrString(5)));
  }

  @Test
  @Order(1)
  void aKubernetesVersionChangeReplacesThePool() throws ApiException {
    fixture.editCluster("shop", spec -> new ClusterSpec(spec.provider(), spec.region(), "1.34", spec.paused(),
        spec.aws(), spec.azure(), spec.sim()));
    Nodepool after = rollOut("version 1.33 -> 1.34", spec -> spec, np -> "1.34".equals(np.getStatus().version()));
    assertThat(after.getStatus().version()).isEqualTo("1.34");
  }

  @Test
  @Order(2)
  void anOsImageChangeReplacesThePool() throws ApiException {
    Nodepool after = rollOut("osImage AL2 -> Bottlerocket",
        spec -> withTemplate(spec, t -> new MachineTemplate(t.machineType(), OsImage.Bottlerocket, t.architecture(),
            t.diskSize(), t.diskType(), t.maxPods(), t.capacityType(), t.zones())), np -> true);
    MachinePool active = fixture.machinePool(after.getStatus().activeMachinePool().name());
    assertThat(active.getSpec().template().osImage()).isEqualTo(OsImage.Bottlerocket);
  }

  @Test
  @Order(3)
  void aMachineTypeChangeReplacesThePool() throws ApiException {
    Nodepool after = rollOut("machineType sim.large -> sim.xlarge",
        spec -> withTemplate(spec, t -> new MachineTemplate("sim.xlarge", t.osImage(), t.architecture(),
            t.diskSize(), t.diskType(), t.maxPods(), t.capacityType(), t.zones())), np -> true);
    MachinePool active = fixture.machinePool(after.getStatus().activeMachinePool().name());
    assertThat(active.getSpec().template().machineType()).isEqualTo("sim.xlarge");
    assertThat(fixture.nodes("e2e.slipway.dev/group=" + group))
        .allSatisfy(node -> assertThat(node.getMetadata().getLabels())
            .containsEntry("node.kubernetes.io/instance-type", "sim.xlarge"));
  }

  /**
   * Applies a change, waits for the Nodepool to settle on a new MachinePool, and checks what a user would: the old
   * MachinePool and cloud pool are gone, the pods run on the new nodes, availability never fell below 5.
   */
  private Nodepool rollOut(String change, UnaryOperator<NodepoolSpec> edit,
      java.util.function.Predicate<Nodepool> settled) throws ApiException {
    Nodepool before = fixture.nodepool("apps");
    String oldPool = before.getStatus().activeMachinePool().name();
    String oldCloudPool = fixture.machinePool(oldPool).getSpec().cloudPoolName();
    try (AvailabilitySampler sampler = new AvailabilitySampler(fixture.client, fixture.namespace, "web")) {
      fixture.editNodepool("apps", edit);
      Nodepool after = fixture.awaitNodepoolSettled("apps", ROLLOUT, np ->
          !np.getStatus().activeMachinePool().name().equals(oldPool) && settled.test(np));
      await().atMost(Duration.ofMinutes(1)).until(() -> fixture.machinePool(oldPool) == null);
      await().atMost(Duration.ofMinutes(1)).until(() -> !fixture.cloudPools("shop").contains(oldCloudPool));
      assertThat(fixture.nodes("sim.slipway.dev/pool=" + oldCloudPool)).isEmpty();

      MachinePool active = fixture.machinePool(after.getStatus().activeMachinePool().name());
      Set<String> newNodes = fixture.nodeNames(active);
      assertThat(newNodes).hasSize(3);
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(fixture.pods("app=web"))
          .hasSize(6)
          .allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isIn(newNodes)));
      assertThat(sampler.samples()).isGreaterThan(10);
      assertThat(sampler.minimum()).as("lowest available replicas seen during the rollout").isGreaterThanOrEqualTo(5);
      Duration took = Duration.between(after.getStatus().rollout().startedAt(), after.getStatus().rollout()
          .finishedAt());
      LOG.info("Rollout '{}' of a 3-node pool took {} s (status.rollout startedAt -> finishedAt); lowest available "
          + "replicas {} over {} samples; moved {} -> {}; Nodepool events: {}", change, took.toMillis() / 1000.0,
          sampler.minimum(), sampler.samples(), oldPool, active.getMetadata().getName(),
          eventsSince(after.getStatus().rollout().startedAt()));
      return after;
    }
  }

  /** The Nodepool's Events since a time, as "reason: message" lines, to show what the drain waited on. */
  private List<String> eventsSince(java.time.OffsetDateTime since) throws ApiException {
    return new io.kubernetes.client.openapi.apis.CoreV1Api(fixture.client).listNamespacedEvent(fixture.namespace)
        .fieldSelector("involvedObject.name=apps").execute().getItems().stream()
        .filter(e -> e.getLastTimestamp() == null || !e.getLastTimestamp().isBefore(since.minusSeconds(1)))
        .map(e -> e.getReason() + (e.getCount() != null && e.getCount() > 1 ? " x" + e.getCount() : "") + ": "
            + e.getMessage())
        .toList();
  }

  private static NodepoolSpec withTemplate(NodepoolSpec spec, UnaryOperator<MachineTemplate> edit) {
    return new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(), spec.autoscaling(),
        edit.apply(spec.template()), spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout());
  }
}
