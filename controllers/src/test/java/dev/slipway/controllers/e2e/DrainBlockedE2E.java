package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.RolloutPolicy;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A PodDisruptionBudget that never allows eviction: the rollout of its pool stalls visibly (a condition naming the
 * pod and the budget), waits past the drain timeout under the Wait policy without violating the budget, while
 * another nodepool of the same cluster rolls out meanwhile; switching the policy to ForceDelete then finishes it.
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrainBlockedE2E {

  private static final Duration SETTLE = Duration.ofMinutes(4);

  private SlipwayFixture fixture;
  private ControllerProcess controllers;

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace) throws ApiException {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    controllers = fixture.startControllers("controllers-blocked");
    fixture.apply(SlipwayFixture.simCluster("guarded") + """
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: stuck
        spec:
          clusterName: guarded
          replicas: 1
          nodeLabels:
            e2e.slipway.dev/pool: %1$s-stuck
          template:
            machineType: sim.small
            osImage: AL2
          rollout:
            drainTimeout: 1m
            onDrainTimeout: Wait
        ---
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: free
        spec:
          clusterName: guarded
          replicas: 1
          nodeLabels:
            e2e.slipway.dev/pool: %1$s-free
          template:
            machineType: sim.small
            osImage: AL2
        """.formatted(namespace.name()));
    fixture.awaitNodepoolSettled("stuck", SETTLE, np -> true);
    fixture.awaitNodepoolSettled("free", SETTLE, np -> true);
    fixture.createWorkload("pinned", 1, Map.of("e2e.slipway.dev/pool", namespace.name() + "-stuck"),
        new V1PodDisruptionBudgetSpec().maxUnavailable(new IntOrString(0)));
  }

  @AfterAll
  void stop() {
    if (controllers != null) {
      controllers.close();
    }
  }

  @Test
  void aBudgetThatNeverAllowsEvictionStallsOnlyItsOwnPoolVisiblyAndTheExpiryPolicyDecides() throws ApiException {
    V1Pod pinned = runningPod();
    String stuckPool = fixture.nodepool("stuck").getStatus().activeMachinePool().name();
    fixture.editNodepool("stuck", spec -> withOsImage(spec, OsImage.Bottlerocket));

    Condition blocked = awaitDrainBlocked(ConditionReasons.EVICTION_BLOCKED);
    assertThat(blocked.message()).contains("pod " + fixture.namespace + "/" + pinned.getMetadata().getName())
        .contains("PodDisruptionBudget " + fixture.namespace + "/pinned-pdb");

    // Another nodepool of the same cluster rolls out meanwhile.
    String freePool = fixture.nodepool("free").getStatus().activeMachinePool().name();
    fixture.editNodepool("free", spec -> withOsImage(spec, OsImage.AL2023));
    fixture.awaitNodepoolSettled("free", SETTLE, np -> !np.getStatus().activeMachinePool().name().equals(freePool));
    assertThat(fixture.nodepool("stuck").getStatus().activeMachinePool().name()).isEqualTo(stuckPool);

    // Past the 1m drain timeout, Wait keeps the budget intact and says so.
    Condition waiting = awaitDrainBlocked(ConditionReasons.DRAIN_TIMEOUT_WAITING);
    assertThat(waiting.message()).contains("onDrainTimeout is Wait").contains("pinned-pdb");
    assertThat(runningPod().getMetadata().getUid()).isEqualTo(pinned.getMetadata().getUid());
    assertThat(fixture.machinePool(stuckPool)).isNotNull();

    // ForceDelete finishes the rollout.
    fixture.editNodepool("stuck", spec -> new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(),
        spec.autoscaling(), spec.template(), spec.nodeLabels(), spec.taints(), spec.mode(),
        new RolloutPolicy(spec.rollout().drainTimeout(), RolloutPolicy.DrainTimeoutAction.ForceDelete,
            spec.rollout().maxConcurrentDrains())));
    Nodepool done = fixture.awaitNodepoolSettled("stuck", SETTLE,
        np -> !np.getStatus().activeMachinePool().name().equals(stuckPool));
    assertThat(fixture.machinePool(stuckPool)).isNull();
    Condition cleared = find(done, ConditionTypes.DRAIN_BLOCKED);
    assertThat(cleared.status()).isEqualTo(ConditionStatus.FALSE);
    await().atMost(Duration.ofMinutes(1)).until(() -> {
      V1Pod moved = runningPod();
      return moved != null && !moved.getMetadata().getUid().equals(pinned.getMetadata().getUid());
    });
  }

  private Condition awaitDrainBlocked(String reason) {
    return await().atMost(SETTLE).until(() -> find(fixture.nodepool("stuck"), ConditionTypes.DRAIN_BLOCKED),
        c -> c != null && c.status() == ConditionStatus.TRUE && c.reason().equals(reason));
  }

  private static Condition find(Nodepool nodepool, String type) {
    if (nodepool.getStatus() == null || nodepool.getStatus().conditions() == null) {
      return null;
    }
    return nodepool.getStatus().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }

  private V1Pod runningPod() throws ApiException {
    return fixture.pods("app=pinned").stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
            && "Running".equals(p.getStatus().getPhase()))
        .findFirst().orElse(null);
  }

  private static NodepoolSpec withOsImage(NodepoolSpec spec, OsImage image) {
    MachineTemplate t = spec.template();
    return new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(), spec.autoscaling(),
        new MachineTemplate(t.machineType(), image, t.architecture(), t.diskSize(), t.diskType(), t.maxPods(),
            t.capacityType(), t.zones()), spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout());
  }
}
