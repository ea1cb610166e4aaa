package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.sim.ConfigMapSimStateStore;
import dev.slipway.provider.sim.SimCloud;
import dev.slipway.provider.sim.SimConsole;
import dev.slipway.provider.sim.SimFaults;
import dev.slipway.provider.sim.SimRandomness;
import dev.slipway.provider.sim.WorkloadServer;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Drift: someone changes the cloud pool behind Slipway's back (through the simulated cloud's console, as a human
 * would in a cloud portal). On the next jittered resync, a changed in-place field is put back, a deleted pool is
 * created again, and a changed machine type marks the pool drifted and replaces it (same template, next name).
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftE2E {

  private static final Duration REPAIR = Duration.ofMinutes(2);

  private SlipwayFixture fixture;
  private ControllerProcess controllers;
  private SimConsole console;
  private ClusterTarget target;
  private String group;

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace) throws IOException {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    group = namespace.name();
    controllers = fixture.startControllers("controllers-drift", Map.of(
        "slipway.controllers.resync-period", "3s", "slipway.controllers.resync-jitter", "0.2"));
    fixture.apply(SlipwayFixture.simCluster("drifty") + """
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: pool
        spec:
          clusterName: drifty
          replicas: 2
          nodeLabels:
            e2e.slipway.dev/group: %s
          template:
            machineType: sim.small
            osImage: AL2
        """.formatted(group));
    fixture.awaitNodepoolSettled("pool", Duration.ofMinutes(3), np -> true);
    Cluster cluster = fixture.cluster("drifty");
    target = new ClusterTarget(fixture.namespace, "drifty", cluster.getMetadata().getUid(), cluster.getSpec());
    String kubeconfig = Files.readString(controlPlane.kubeconfig());
    console = new SimCloud(Clock.systemUTC(), new ConfigMapSimStateStore(controlPlane.newApiClient()),
        new WorkloadServer(controlPlane.newApiClient(), kubeconfig), Map.of(), SimFaults.none(),
        SimRandomness.seeded(7)).outOfBand();
  }

  @AfterAll
  void stop() {
    if (controllers != null) {
      controllers.close();
    }
  }

  private MachinePool active() {
    return fixture.machinePool(fixture.nodepool("pool").getStatus().activeMachinePool().name());
  }

  @Test
  @Order(1)
  void aPoolScaledOutOfBandIsScaledBack() throws Exception {
    String cloudPool = active().getSpec().cloudPoolName();
    console.scale(target, cloudPool, 4);
    await().atMost(REPAIR).until(() -> fixture.nodes("sim.slipway.dev/pool=" + cloudPool).size() == 4);
    await().atMost(REPAIR).until(() -> fixture.nodes("sim.slipway.dev/pool=" + cloudPool).size() == 2);
    fixture.awaitNodepoolSettled("pool", REPAIR, np -> Integer.valueOf(2).equals(np.getStatus().replicas()));
  }

  @Test
  @Order(2)
  void labelsChangedOutOfBandArePutBack() throws Exception {
    String cloudPool = active().getSpec().cloudPoolName();
    console.setNodeLabels(target, cloudPool, Map.of("rogue", "yes"));
    await().atMost(REPAIR).until(() -> fixture.nodes("sim.slipway.dev/pool=" + cloudPool).stream()
        .allMatch(n -> "yes".equals(n.getMetadata().getLabels().get("rogue"))));
    await().atMost(REPAIR).until(() -> fixture.nodes("sim.slipway.dev/pool=" + cloudPool).stream()
        .allMatch(n -> !n.getMetadata().getLabels().containsKey("rogue")
            && group.equals(n.getMetadata().getLabels().get("e2e.slipway.dev/group"))));
  }

  @Test
  @Order(3)
  void aPoolDeletedOutOfBandIsCreatedAgain() throws Exception {
    String cloudPool = active().getSpec().cloudPoolName();
    console.deletePool(target, cloudPool);
    await().atMost(REPAIR).until(() -> !fixture.cloudPools("drifty").contains(cloudPool)
        || fixture.nodes("sim.slipway.dev/pool=" + cloudPool).isEmpty());
    await().atMost(REPAIR).until(() -> fixture.cloudPools("drifty").contains(cloudPool)
        && fixture.nodes("sim.slipway.dev/pool=" + cloudPool).size() == 2);
    fixture.awaitNodepoolSettled("pool", REPAIR, np -> Integer.valueOf(2).equals(np.getStatus().readyReplicas()));
  }

  @Test
  @Order(4)
  void aMachineTypeChangedOutOfBandIsReportedAsDriftAndThePoolIsReplaced() throws Exception {
    MachinePool drifted = active();
    String cloudPool = drifted.getSpec().cloudPoolName();
    console.setMachineType(target, cloudPool, "sim.rogue");
    Nodepool replaced = fixture.awaitNodepoolSettled("pool", Duration.ofMinutes(3),
        np -> np.getStatus().activeMachinePool().name().equals(drifted.getMetadata().getName() + "-r1"));
    MachinePool replacement = fixture.machinePool(replaced.getStatus().activeMachinePool().name());
    assertThat(replacement.getSpec().template()).isEqualTo(drifted.getSpec().template());
    assertThat(replaced.getStatus().templateHash()).isEqualTo(drifted.getMetadata().getLabels()
        .get("slipway.dev/template-hash"));
    await().atMost(REPAIR).untilAsserted(() -> assertThat(fixture.cloudPools("drifty"))
        .containsExactly(replacement.getSpec().cloudPoolName()));
    assertThat(fixture.nodes("e2e.slipway.dev/group=" + group)).hasSize(2)
        .allSatisfy(n -> assertThat(n.getMetadata().getLabels())
            .containsEntry("node.kubernetes.io/instance-type", "sim.small"));
    assertThat(new CoreV1Api(fixture.client).listNamespacedEvent(fixture.namespace)
        .fieldSelector("involvedObject.name=pool").execute().getItems())
        .anySatisfy(e -> assertThat(e.getMessage()).contains("to replace a pool that drifted outside Slipway"));
    assertThat(replaced.getStatus().conditions()).anySatisfy(c -> {
      assertThat(c.type()).isEqualTo(ConditionTypes.DRIFTED);
      assertThat(c.status()).isEqualTo(ConditionStatus.FALSE);
    });
  }

  @Test
  @Order(5)
  void aSecondMachinePoolNamingTheSameCloudPoolStandsAsideAndItsDeletionLeavesThePool() throws Exception {
    MachinePool owner = active();
    String cloudPool = owner.getSpec().cloudPoolName();
    fixture.apply("""
        apiVersion: slipway.dev/v1alpha1
        kind: MachinePool
        metadata:
          name: claimant
        spec:
          clusterName: drifty
          provider: sim
          cloudPoolName: %s
          version: "%s"
          replicas: 5
          template:
            machineType: sim.large
            osImage: AL2
        """.formatted(cloudPool, owner.getSpec().version()));
    MachinePool claimant = await().atMost(REPAIR).until(() -> fixture.machinePool("claimant"), p ->
        p.getStatus() != null && p.getStatus().conditions() != null && p.getStatus().conditions().stream().anyMatch(c ->
            c.type().equals(ConditionTypes.READY) && "CloudPoolClaimed".equals(c.reason())));
    assertThat(claimant.getStatus().conditions()).anySatisfy(c -> {
      assertThat(c.type()).isEqualTo(ConditionTypes.READY);
      assertThat(c.message()).contains(owner.getMetadata().getName()).contains("spec.cloudPoolName");
    });
    assertThat(claimant.getStatus().conditions()).anySatisfy(c -> {
      assertThat(c.type()).isEqualTo(ConditionTypes.STALLED);
      assertThat(c.status()).isEqualTo(ConditionStatus.TRUE);
    });
    assertThat(claimant.getMetadata().getFinalizers()).isNullOrEmpty();
    assertThat(fixture.nodes("sim.slipway.dev/pool=" + cloudPool)).hasSize(2);

    fixture.machinePools.delete(fixture.namespace, "claimant");
    await().atMost(REPAIR).until(() -> fixture.machinePool("claimant") == null);
    assertThat(fixture.cloudPools("drifty")).contains(cloudPool);
    fixture.awaitNodepoolSettled("pool", REPAIR, np -> Integer.valueOf(2).equals(np.getStatus().readyReplicas())
        && np.getStatus().activeMachinePool().name().equals(owner.getMetadata().getName()));
    assertThat(fixture.nodes("sim.slipway.dev/pool=" + cloudPool)).hasSize(2)
        .allSatisfy(n -> assertThat(n.getMetadata().getLabels())
            .containsEntry("node.kubernetes.io/instance-type", owner.getSpec().template().machineType()));
  }
}
