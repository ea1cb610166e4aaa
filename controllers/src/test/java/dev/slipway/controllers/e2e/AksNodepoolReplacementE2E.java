package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.testing.azure.FakeArm;
import dev.slipway.testing.azure.OperationKind;
import dev.slipway.testing.azure.OperationRecord;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
 * Replace-not-mutate on AKS, through the Azure provider, the real Azure SDK and the fake ARM: a cluster with a System
 * and a User pool whose scale-set ordinals overlap (both 0 and 1), each VMSS instance a KWOK Node with AKS's
 * providerID. A VM-size change of the User pool, then a Kubernetes upgrade of the cluster and both pools, complete as
 * replacements: a PDB-guarded workload never drops below its budget, the fake never sees two operations on the
 * cluster at once, the control plane is upgraded before any pool, and the other pool's Nodes are left alone.
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AksNodepoolReplacementE2E {

  private static final Logger LOG = LoggerFactory.getLogger(AksNodepoolReplacementE2E.class);
  private static final String SUBSCRIPTION = "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e";
  private static final Duration SETTLE = Duration.ofMinutes(4);

  private FakeArm fake;
  private SlipwayFixture fixture;
  private ControllerProcess controllers;
  private AzureKubeletBridge bridge;
  private String resourceGroup;
  private String aksCluster;
  private String group;

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace) throws Exception {
    fake = FakeArm.start();
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    group = namespace.name();
    resourceGroup = "rg-" + namespace.name();
    aksCluster = namespace.name() + "_payments";
    fake.kubeconfigFor(SUBSCRIPTION, resourceGroup, aksCluster, Files.readString(controlPlane.kubeconfig()));
    controllers = fixture.startControllers("controllers-azure", FakeAzure.controllerProperties(fake),
        FakeAzure.controllerEnvironment(fake));
    fixture.apply("""
        apiVersion: slipway.dev/v1alpha1
        kind: Cluster
        metadata:
          name: payments
        spec:
          provider: azure
          region: westeurope
          version: "1.33"
          azure:
            subscriptionId: %1$s
            resourceGroup: %2$s
        ---
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: system
        spec:
          clusterName: payments
          mode: System
          replicas: 2
          nodeLabels:
            e2e.slipway.dev/group: %3$s-system
          taints:
          - key: CriticalAddonsOnly
            value: "true"
            effect: NoSchedule
          template:
            machineType: Standard_D2s_v5
            osImage: AzureLinux
        ---
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: apps
        spec:
          clusterName: payments
          mode: User
          replicas: 2
          nodeLabels:
            e2e.slipway.dev/group: %3$s-apps
          template:
            machineType: Standard_D4s_v5
            osImage: Ubuntu
            maxPods: 60
        """.formatted(SUBSCRIPTION, resourceGroup, group));
    await().atMost(SETTLE).until(() -> fixture.cluster("payments"),
        c -> c.getStatus() != null && SlipwayFixture.ready(c, c.getStatus().conditions()));
    bridge = new AzureKubeletBridge(fake, aksCluster, fixture.client, group);
    fixture.awaitNodepoolSettled("system", SETTLE, np -> true);
    fixture.awaitNodepoolSettled("apps", SETTLE, np -> true);
    fixture.createWorkload("shop", 4, Map.of("e2e.slipway.dev/group", group + "-apps"),
        new V1PodDisruptionBudgetSpec().minAvailable(new IntOrString(3)));
  }

  @AfterAll
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    if (controllers != null) {
      LOG.info("Controller log tail:\n{}", controllers.logTail(80));
      controllers.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  @Order(1)
  void aVmSizeChangeReplacesOnlyThatPoolAndNeverConfusesOverlappingOrdinals() throws Exception {
    MachinePool system = activePool("system");
    MachinePool apps = activePool("apps");
    assertThat(ordinals(system)).as("scale-set ordinals repeat across the two pools")
        .isEqualTo(ordinals(apps)).containsExactlyInAnyOrder("0", "1");
    assertThat(system.getStatus().providerIDList()).doesNotContainAnyElementsOf(apps.getStatus().providerIDList());
    Map<String, String> systemNodes = nodesOf(system);

    try (AvailabilitySampler sampler = new AvailabilitySampler(fixture.client, fixture.namespace, "shop")) {
      fixture.editNodepool("apps", spec -> new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(),
          spec.autoscaling(), new MachineTemplate("Standard_D8s_v5", spec.template().osImage(),
              spec.template().architecture(), spec.template().diskSize(), spec.template().diskType(),
              spec.template().maxPods(), spec.template().capacityType(), spec.template().zones()),
          spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout()));
      Nodepool after = fixture.awaitNodepoolSettled("apps", SETTLE,
          np -> !np.getStatus().activeMachinePool().name().equals(apps.getMetadata().getName()));
      MachinePool replacement = fixture.machinePool(after.getStatus().activeMachinePool().name());
      awaitCloudPools(system.getSpec().cloudPoolName(), replacement.getSpec().cloudPoolName());
      assertThat(fake.agentPools(SUBSCRIPTION, resourceGroup, aksCluster))
          .filteredOn(p -> p.name().equals(replacement.getSpec().cloudPoolName())).singleElement()
          .satisfies(p -> assertThat(p.vmSize()).isEqualTo("Standard_D8s_v5"));
      assertThat(ordinals(replacement)).as("a new scale set starts at 0 again").contains("0");
      Set<String> newNodes = fixture.nodeNames(replacement);
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(fixture.pods("app=shop")).hasSize(4)
          .allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isIn(newNodes)));
      assertThat(sampler.minimum()).as("lowest available replicas during the replacement")
          .isGreaterThanOrEqualTo(3);
      assertUntouched(systemNodes);
      assertThat(FakeAzure.overlapping(fake.operationHistory(SUBSCRIPTION, resourceGroup, aksCluster))).isEmpty();
      LOG.info("VM size change on AKS (fake ARM) took {} s; lowest available replicas {}",
          Duration.between(after.getStatus().rollout().startedAt(), after.getStatus().rollout().finishedAt())
              .toMillis() / 1000.0, sampler.minimum());
    }
  }

  @Test
  @Order(2)
  void aKubernetesUpgradeUpgradesTheControlPlaneThenReplacesBothPoolsOneOperationAtATime() throws Exception {
    MachinePool oldSystem = activePool("system");
    MachinePool oldApps = activePool("apps");
    int before = fake.operationHistory(SUBSCRIPTION, resourceGroup, aksCluster).size();

    try (AvailabilitySampler sampler = new AvailabilitySampler(fixture.client, fixture.namespace, "shop")) {
      fixture.editCluster("payments", spec -> new ClusterSpec(spec.provider(), spec.region(), "1.34", spec.paused(),
          spec.aws(), spec.azure(), spec.sim()));
      await().atMost(SETTLE).until(() -> fixture.cluster("payments"), c -> c.getStatus() != null
          && "1.34".equals(c.getStatus().version()) && SlipwayFixture.ready(c, c.getStatus().conditions()));
      Nodepool system = fixture.awaitNodepoolSettled("system", SETTLE,
          np -> !np.getStatus().activeMachinePool().name().equals(oldSystem.getMetadata().getName()));
      Nodepool apps = fixture.awaitNodepoolSettled("apps", SETTLE,
          np -> !np.getStatus().activeMachinePool().name().equals(oldApps.getMetadata().getName()));
      MachinePool newSystem = fixture.machinePool(system.getStatus().activeMachinePool().name());
      MachinePool newApps = fixture.machinePool(apps.getStatus().activeMachinePool().name());
      assertThat(newSystem.getSpec().version()).isEqualTo("1.34");
      assertThat(newApps.getSpec().version()).isEqualTo("1.34");
      awaitCloudPools(newSystem.getSpec().cloudPoolName(), newApps.getSpec().cloudPoolName());
      assertThat(fake.agentPools(SUBSCRIPTION, resourceGroup, aksCluster))
          .allSatisfy(p -> assertThat(p.orchestratorVersion()).isEqualTo("1.34"));
      Set<String> appsNodes = fixture.nodeNames(newApps);
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(fixture.pods("app=shop")).hasSize(4)
          .allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isIn(appsNodes)));
      assertThat(sampler.minimum()).as("lowest available replicas during the upgrade").isGreaterThanOrEqualTo(3);
    }

    List<OperationRecord> history = fake.operationHistory(SUBSCRIPTION, resourceGroup, aksCluster);
    assertThat(FakeAzure.overlapping(history)).as("operations on one AKS cluster never overlap").isEmpty();
    List<OperationRecord> upgrade = history.subList(before, history.size());
    LOG.info("Operations of the upgrade, in order: {}", upgrade.stream()
        .map(op -> op.kind() + (op.agentPool() == null ? "" : " " + op.agentPool()) + " " + op.status()).toList());
    OperationRecord controlPlane = upgrade.stream().filter(op -> op.kind() == OperationKind.UPGRADE_CLUSTER)
        .findFirst().orElseThrow();
    assertThat(upgrade).filteredOn(op -> op.kind() == OperationKind.CREATE_POOL).hasSize(2)
        .allSatisfy(create -> assertThat(create.started()).isAfterOrEqualTo(controlPlane.ended()));
    assertThat(upgrade).noneMatch(op -> op.kind() == OperationKind.UPGRADE_POOL);
    Instant newSystemCreated = upgrade.stream().filter(op -> op.kind() == OperationKind.CREATE_POOL
        && op.agentPool().equals(activePool("system").getSpec().cloudPoolName())).findFirst().orElseThrow().ended();
    Instant oldSystemDeleted = upgrade.stream().filter(op -> op.kind() == OperationKind.DELETE_POOL
        && op.agentPool().equals(oldSystem.getSpec().cloudPoolName())).findFirst().orElseThrow().started();
    assertThat(newSystemCreated).as("the new System pool exists before the old one goes")
        .isBefore(oldSystemDeleted);
  }

  @Test
  @Order(3)
  void throttlingAndAFailedPoolOperationShowInEventsAndTheRolloutStillCompletesWithoutALeakedPool()
      throws Exception {
    String old = fixture.nodepool("apps").getStatus().activeMachinePool().name();
    // The new pool's first three PUTs are throttled (429), then its creation fails inside AKS.
    fake.failNext(3, 429, "TooManyRequests", "PUT", "/agentPools/apps");
    fake.failNextOperation("/agentPools/apps", "VMExtensionProvisioningError",
        "the custom script extension failed on vmss instance 0");
    fixture.editNodepool("apps", spec -> new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(),
        spec.autoscaling(), new MachineTemplate("Standard_E4s_v5", spec.template().osImage(),
            spec.template().architecture(), spec.template().diskSize(), spec.template().diskType(),
            spec.template().maxPods(), spec.template().capacityType(), spec.template().zones()),
        spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout()));
    Nodepool after = fixture.awaitNodepoolSettled("apps", SETTLE,
        np -> !np.getStatus().activeMachinePool().name().equals(old));
    MachinePool active = fixture.machinePool(after.getStatus().activeMachinePool().name());
    awaitCloudPools(activePool("system").getSpec().cloudPoolName(), active.getSpec().cloudPoolName());

    List<String> warnings = new io.kubernetes.client.openapi.apis.CoreV1Api(fixture.client)
        .listNamespacedEvent(fixture.namespace).execute().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()))
        .map(e -> e.getInvolvedObject().getKind() + " " + e.getReason() + ": " + e.getMessage()).toList();
    LOG.info("Warning events while AKS throttled and failed an operation: {}", warnings);
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("MachinePool CloudError: TooManyRequests")
        .containsPattern("\\(request [0-9a-f-]+\\)"));
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("MachinePool CloudPoolFailed: ")
        .contains("VMExtensionProvisioningError: the custom script extension failed"));
    assertThat(FakeAzure.overlapping(fake.operationHistory(SUBSCRIPTION, resourceGroup, aksCluster))).isEmpty();
  }

  @Test
  @Order(4)
  void changesMadeInAzureArePutBack() throws Exception {
    MachinePool apps = activePool("apps");
    String pool = apps.getSpec().cloudPoolName();
    Set<String> nodesBefore = fixture.nodeNames(apps);

    // Someone scales the pool by hand: the count is an in-place field, put back to the spec.
    Instant scaledAt = Instant.now();
    fake.scaleOutOfBand(SUBSCRIPTION, resourceGroup, aksCluster, pool, 4);
    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(fake.agentPools(SUBSCRIPTION, resourceGroup, aksCluster)).filteredOn(p -> p.name().equals(pool))
          .singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(2);
            assertThat(p.machines()).isEqualTo(2);
          });
      assertThat(fixture.machinePool(apps.getMetadata().getName()).getStatus().providerIDList()).hasSize(2);
    });
    assertThat(activePool("apps").getMetadata().getName()).isEqualTo(apps.getMetadata().getName());

    assertThat(fake.operationHistory(SUBSCRIPTION, resourceGroup, aksCluster))
        .anySatisfy(op -> {
          assertThat(op.kind()).isEqualTo(OperationKind.SCALE_POOL);
          assertThat(op.agentPool()).isEqualTo(pool);
          assertThat(op.started()).isAfter(scaledAt);
        });

    // Someone deletes the pool: it is created again under the same name, and its new machines become the nodes.
    Instant deletedAt = Instant.now();
    fake.deleteOutOfBand(SUBSCRIPTION, resourceGroup, aksCluster, pool);
    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(fake.agentPools(SUBSCRIPTION, resourceGroup, aksCluster)).filteredOn(p -> p.name().equals(pool))
          .singleElement().satisfies(p -> assertThat(p.provisioningState()).isEqualTo("Succeeded"));
      MachinePool now = fixture.machinePool(apps.getMetadata().getName());
      assertThat(SlipwayFixture.ready(now, now.getStatus().conditions())).isTrue();
      assertThat(fixture.nodeNames(now)).hasSize(2);
    });
    // The workload's pods went with the deleted machines' Nodes; the Deployment brings them back on the new ones.
    await().atMost(SETTLE).untilAsserted(() -> assertThat(fixture.pods("app=shop"))
        .filteredOn(pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())).hasSize(4));
    assertThat(fake.operationHistory(SUBSCRIPTION, resourceGroup, aksCluster))
        .anySatisfy(op -> {
          assertThat(op.kind()).isEqualTo(OperationKind.CREATE_POOL);
          assertThat(op.agentPool()).isEqualTo(pool);
          assertThat(op.started()).isAfter(deletedAt);
        });
    LOG.info("Pool {} deleted in Azure and recreated; nodes before {}, after {}", pool, nodesBefore,
        fixture.nodeNames(fixture.machinePool(apps.getMetadata().getName())));
    assertThat(FakeAzure.overlapping(fake.operationHistory(SUBSCRIPTION, resourceGroup, aksCluster))).isEmpty();
  }

  private MachinePool activePool(String nodepool) {
    return fixture.machinePool(fixture.nodepool(nodepool).getStatus().activeMachinePool().name());
  }

  private static Set<String> ordinals(MachinePool pool) {
    return pool.getStatus().providerIDList().stream().map(id -> ProviderId.parse(id).lastSegment())
        .collect(Collectors.toSet());
  }

  /** Node name -> providerID of a pool's Nodes. */
  private Map<String, String> nodesOf(MachinePool pool) throws Exception {
    Set<String> names = fixture.nodeNames(pool);
    return fixture.nodes(AzureKubeletBridge.BRIDGE_LABEL + "=" + group).stream()
        .filter(n -> names.contains(n.getMetadata().getName()))
        .collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n.getSpec().getProviderID(), (a, b) -> a,
            TreeMap::new));
  }

  /** The pool's Nodes are the same objects as before, never cordoned or marked for drain. */
  private void assertUntouched(Map<String, String> nodes) throws Exception {
    List<V1Node> now = fixture.nodes(AzureKubeletBridge.BRIDGE_LABEL + "=" + group).stream()
        .filter(n -> nodes.containsKey(n.getMetadata().getName())).toList();
    assertThat(now).hasSize(nodes.size()).allSatisfy(node -> {
      assertThat(node.getSpec().getProviderID()).isEqualTo(nodes.get(node.getMetadata().getName()));
      assertThat(node.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
      assertThat(Objects.requireNonNullElse(node.getMetadata().getAnnotations(), Map.<String, String>of()))
          .doesNotContainKeys("slipway.dev/cordoned-by", "slipway.dev/drain-started-at");
    });
  }

  private void awaitCloudPools(String... names) {
    await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(fake.agentPools(SUBSCRIPTION,
        resourceGroup, aksCluster).stream().map(p -> p.name()).toList()).containsExactlyInAnyOrder(names));
  }
}
