package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import dev.slipway.testing.moto.LocalMoto;
import dev.slipway.testing.moto.MotoServer;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Nodegroup;

/**
 * The AL2 -> Bottlerocket migration through the AWS code path: an EKS cluster and a managed node group in moto (with
 * Slipway's extensions: CREATING/DELETING transitions, instances for node groups), whose instances register as KWOK
 * Nodes with {@code aws:///<az>/i-...} providerIDs (the test plays kubelet). Changing the Nodepool's osImage creates
 * a Bottlerocket node group, moves a PDB-guarded workload onto it and deletes the AL2 node group.
 */
@LocalKubernetes(workloads = true)
@LocalMoto
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class AwsNodepoolMigrationE2E {

  private static final Logger LOG = LoggerFactory.getLogger(AwsNodepoolMigrationE2E.class);
  private static final String REGION = "eu-west-1";
  private static final Duration SETTLE = Duration.ofMinutes(4);

  private SlipwayFixture fixture;
  private ControllerProcess controllers;
  private AwsKubeletBridge bridge;
  private EksClient eks;
  private String eksCluster;
  private String group;

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace, MotoServer moto) throws Exception {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    group = namespace.name();
    moto.post("/slipway/config", "{\"eksCreateSeconds\": 2, \"eksDeleteSeconds\": 2, \"eksUpdateSeconds\": 2}");
    eks = EksClient.builder().endpointOverride(moto.endpoint()).region(Region.of(REGION))
        .credentialsProvider(MotoAwsAccount.CREDENTIALS).build();
    MotoAwsAccount account = MotoAwsAccount.create(moto, REGION, group);
    controllers = fixture.startControllers("controllers-aws",
        MotoAwsAccount.controllerProperties(moto, controlPlane.kubeconfig()),
        MotoAwsAccount.controllerEnvironment(REGION));
    fixture.apply("""
        apiVersion: slipway.dev/v1alpha1
        kind: Cluster
        metadata:
          name: checkout
        spec:
          provider: aws
          region: %1$s
          version: "1.33"
          aws:
            roleArn: %2$s
            nodeRoleArn: %3$s
            subnetIds: [%4$s, %5$s]
        ---
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: web
        spec:
          clusterName: checkout
          replicas: 2
          nodeLabels:
            e2e.slipway.dev/group: %6$s
          template:
            machineType: m6i.large
            osImage: AL2
        """.formatted(REGION, account.clusterRoleArn(), account.nodeRoleArn(), account.subnetIds().get(0),
            account.subnetIds().get(1), group));
    Cluster cluster = await().atMost(SETTLE).until(() -> fixture.cluster("checkout"),
        c -> c.getStatus() != null && SlipwayFixture.ready(c, c.getStatus().conditions()));
    String arn = cluster.getStatus().cloudResourceId();
    eksCluster = arn.substring(arn.lastIndexOf('/') + 1);
    bridge = new AwsKubeletBridge(moto.endpoint(), REGION, eksCluster, fixture.client, group);
    fixture.awaitNodepoolSettled("web", SETTLE, np -> true);
    fixture.createWorkload("shop", 4, Map.of("e2e.slipway.dev/group", group),
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
    if (eks != null) {
      eks.close();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void anAl2NodeGroupIsReplacedByABottlerocketOneWithTheWorkloadMoved() throws Exception {
    Nodepool before = fixture.nodepool("web");
    MachinePool al2 = fixture.machinePool(before.getStatus().activeMachinePool().name());
    assertThat(al2.getStatus().providerIDList()).hasSize(2)
        .allSatisfy(id -> assertThat(id).matches("aws:////i-[0-9a-f]+"));
    assertThat(describe(al2.getSpec().cloudPoolName()).amiTypeAsString()).isEqualTo("AL2_x86_64");

    try (AvailabilitySampler sampler = new AvailabilitySampler(fixture.client, fixture.namespace, "shop")) {
      fixture.editNodepool("web", spec -> new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(),
          spec.autoscaling(), new MachineTemplate(spec.template().machineType(), OsImage.Bottlerocket,
              spec.template().architecture(), spec.template().diskSize(), spec.template().diskType(),
              spec.template().maxPods(), spec.template().capacityType(), spec.template().zones()),
          spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout()));
      Nodepool after = fixture.awaitNodepoolSettled("web", SETTLE,
          np -> !np.getStatus().activeMachinePool().name().equals(al2.getMetadata().getName()));
      MachinePool bottlerocket = fixture.machinePool(after.getStatus().activeMachinePool().name());
      assertThat(describe(bottlerocket.getSpec().cloudPoolName()).amiTypeAsString())
          .isEqualTo("BOTTLEROCKET_x86_64");
      await().atMost(Duration.ofMinutes(1)).until(() -> eks.listNodegroups(r -> r.clusterName(eksCluster))
          .nodegroups().equals(List.of(bottlerocket.getSpec().cloudPoolName())));
      Set<String> nodes = fixture.nodeNames(bottlerocket);
      assertThat(nodes).hasSize(2);
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(fixture.pods("app=shop")).hasSize(4)
          .allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isIn(nodes)));
      assertThat(sampler.minimum()).as("lowest available replicas during the migration").isGreaterThanOrEqualTo(3);
      LOG.info("AL2 -> Bottlerocket on EKS (moto) took {} s; lowest available replicas {}",
          Duration.between(after.getStatus().rollout().startedAt(), after.getStatus().rollout().finishedAt())
              .toMillis() / 1000.0, sampler.minimum());
    }
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void throttlingServerErrorsAndAFailedCreateEndInAConditionAndARetryWithoutALeakedNodeGroup(MotoServer moto)
      throws Exception {
    String old = fixture.nodepool("web").getStatus().activeMachinePool().name();
    // Consumed in this order by the next CreateNodegroup calls: more throttling and 5xx than the SDK's 3 attempts
    // absorb, then a create that ends CREATE_FAILED.
    moto.post("/slipway/faults", "{\"service\":\"eks\",\"operation\":\"CreateNodegroup\",\"kind\":\"throttle\","
        + "\"count\":4}");
    moto.post("/slipway/faults", "{\"service\":\"eks\",\"operation\":\"CreateNodegroup\","
        + "\"kind\":\"server-error\",\"count\":4}");
    moto.post("/slipway/faults", "{\"service\":\"eks\",\"operation\":\"CreateNodegroup\",\"kind\":\"fail\","
        + "\"count\":1}");
    Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.ScheduledExecutorService watcher = java.util.concurrent.Executors
        .newSingleThreadScheduledExecutor();
    watcher.scheduleWithFixedDelay(() -> {
      try {
        for (MachinePool pool : fixture.machinePoolsOf("web")) {
          if (pool.getStatus() != null && pool.getStatus().conditions() != null) {
            pool.getStatus().conditions().stream()
                .filter(c -> c.type().equals("CloudPoolReady")
                    && c.status() == dev.slipway.api.v1alpha1.ConditionStatus.FALSE)
                .forEach(c -> seen.add(c.reason() + ": " + c.message()));
          }
        }
      } catch (RuntimeException e) {
        // A missed sample only.
      }
    }, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    try {
      fixture.editNodepool("web", spec -> new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(),
          spec.autoscaling(), new MachineTemplate("m6i.xlarge", spec.template().osImage(),
              spec.template().architecture(), spec.template().diskSize(), spec.template().diskType(),
              spec.template().maxPods(), spec.template().capacityType(), spec.template().zones()),
          spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout()));
      Nodepool after = fixture.awaitNodepoolSettled("web", SETTLE,
          np -> !np.getStatus().activeMachinePool().name().equals(old));
      MachinePool active = fixture.machinePool(after.getStatus().activeMachinePool().name());
      await().atMost(Duration.ofMinutes(1)).until(() -> eks.listNodegroups(r -> r.clusterName(eksCluster))
          .nodegroups().equals(List.of(active.getSpec().cloudPoolName())));
    } finally {
      watcher.shutdownNow();
    }
    List<String> events = new io.kubernetes.client.openapi.apis.CoreV1Api(fixture.client)
        .listNamespacedEvent(fixture.namespace).fieldSelector("involvedObject.kind=MachinePool").execute().getItems()
        .stream().filter(e -> "Warning".equals(e.getType())).map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
    LOG.info("While the faults played out: CloudPoolReady=False conditions seen {}; MachinePool Warning events {}",
        seen, events);
    // Conditions change within a second; the Warning Events are what a user finds afterwards.
    assertThat(events).anySatisfy(s -> assertThat(s).startsWith("CloudError: ServerException"));
    assertThat(events).anySatisfy(s -> assertThat(s).startsWith("CloudError: ThrottlingException")
        .containsPattern("\\(request [A-Za-z0-9]+\\)"));
    assertThat(events).anySatisfy(s -> assertThat(s).startsWith("CloudPoolFailed")
        .contains("AsgInstanceLaunchFailures"));
  }

  private Nodegroup describe(String nodegroup) {
    return eks.describeNodegroup(r -> r.clusterName(eksCluster).nodegroupName(nodegroup)).nodegroup();
  }
}
