package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.controllers.runtime.CrashPoints;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-resume: the controller process dies (halts, as SIGKILL would) at each point of a rollout where a write has
 * happened and its record has not; a fresh process completes the rollout with exactly one MachinePool, exactly one
 * cloud pool (nothing leaked, nothing created twice) and the workload on the new nodes.
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashResumeE2E {

  private static final Logger LOG = LoggerFactory.getLogger(CrashResumeE2E.class);
  private static final Duration SETTLE = Duration.ofMinutes(4);

  private final AtomicInteger machineTypes = new AtomicInteger();
  private SlipwayFixture fixture;
  private String group;

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace) throws ApiException {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    group = namespace.name();
    try (ControllerProcess controllers = fixture.startControllers("controllers-crash-setup")) {
      fixture.apply(SlipwayFixture.simCluster("resume") + """
          apiVersion: slipway.dev/v1alpha1
          kind: Nodepool
          metadata:
            name: pool
          spec:
            clusterName: resume
            replicas: 2
            nodeLabels:
              e2e.slipway.dev/group: %s
            template:
              machineType: sim.m0
              osImage: AL2023
          """.formatted(group));
      fixture.awaitNodepoolSettled("pool", SETTLE, np -> true);
      fixture.createWorkload("worker", 4, Map.of("e2e.slipway.dev/group", group),
          new V1PodDisruptionBudgetSpec().minAvailable(new IntOrString(3)));
    }
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {
      CrashPoints.AFTER_CREATE_TARGET,
      CrashPoints.AFTER_CLOUD_CREATE,
      CrashPoints.AFTER_CORDON,
      CrashPoints.AFTER_DRAIN_START,
      CrashPoints.AFTER_EVICTION,
      CrashPoints.AFTER_DELETE_OLD,
      CrashPoints.AFTER_CLOUD_DELETE})
  void aRolloutResumesAfterTheControllerIsKilled(String point) throws ApiException {
    String machineType = "sim.m" + machineTypes.incrementAndGet();
    ControllerProcess doomed = fixture.startControllers("controllers-crash-" + point,
        Map.of("slipway.testing.crash-at", point));
    try {
      fixture.editNodepool("pool", spec -> new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(),
          spec.autoscaling(), withMachineType(spec.template(), machineType), spec.nodeLabels(), spec.taints(),
          spec.mode(), spec.rollout()));
      await().atMost(SETTLE).until(() -> !doomed.isAlive());
      assertThat(doomed.logTail(5)).contains("Crash point " + point + " reached");
    } finally {
      doomed.close();
    }

    try (ControllerProcess restarted = fixture.startControllers("controllers-resume-" + point)) {
      Nodepool settled = fixture.awaitNodepoolSettled("pool", SETTLE, np -> {
        MachinePool active = fixture.machinePool(np.getStatus().activeMachinePool().name());
        return active != null && active.getSpec().template().machineType().equals(machineType);
      });
      MachinePool active = fixture.machinePool(settled.getStatus().activeMachinePool().name());
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
        assertThat(fixture.machinePoolsOf("pool")).extracting(p -> p.getMetadata().getName())
            .containsExactly(active.getMetadata().getName());
        assertThat(fixture.cloudPools("resume")).containsExactly(active.getSpec().cloudPoolName());
      });
      Set<String> nodes = fixture.nodeNames(active);
      assertThat(nodes).hasSize(2);
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(fixture.pods("app=worker"))
          .hasSize(4).allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isIn(nodes)));
      assertThat(fixture.nodes("e2e.slipway.dev/group=" + group)).hasSize(2)
          .allSatisfy(node -> assertThat(node.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE));
      LOG.info("Killed at {}: resumed to {} ({} nodes) in rollout {} -> {}", point, active.getMetadata().getName(),
          nodes.size(), settled.getStatus().rollout().startedAt(), settled.getStatus().rollout().finishedAt());
    }
  }

  private static MachineTemplate withMachineType(MachineTemplate t, String machineType) {
    return new MachineTemplate(machineType, t.osImage(), t.architecture(), t.diskSize(), t.diskType(), t.maxPods(),
        t.capacityType(), t.zones());
  }
}
