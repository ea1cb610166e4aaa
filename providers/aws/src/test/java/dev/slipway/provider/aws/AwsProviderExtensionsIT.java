package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.MachineTemplate.Architecture;
import dev.slipway.api.v1alpha1.MachineTemplate.CapacityType;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import dev.slipway.testing.moto.LocalMoto;
import dev.slipway.testing.moto.MotoServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.CreateClusterRequest;
import software.amazon.awssdk.services.eks.model.DeleteClusterRequest;
import software.amazon.awssdk.services.eks.model.UpdateClusterVersionRequest;

/**
 * The AWS provider against moto with Slipway's extensions ({@code hack/moto/slipway_moto.py}): EKS state transitions
 * with configurable durations, {@code UpdateClusterVersion}/{@code UpdateNodegroupVersion}, EC2 instances for node
 * groups, node-group tags, and fault injection. Fails if the moto in use lacks them.
 */
@LocalMoto
class AwsProviderExtensionsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static MotoAws aws;
  private static MotoServer server;

  @BeforeAll
  static void start(MotoServer moto) throws Exception {
    assertThat(extended(moto)).as("moto runs with Slipway's extensions (GET /slipway/config answers 200)").isTrue();
    server = moto;
    aws = new MotoAws(moto);
    moto.post("/slipway/config", "{\"eksCreateSeconds\":2,\"eksDeleteSeconds\":2,\"eksUpdateSeconds\":2}");
  }

  @AfterAll
  static void stop() {
    if (aws != null) {
      aws.close();
    }
  }

  @Test
  void controlPlaneIsPolledThroughCreatingUpdatingAndDeleting() throws Exception {
    ClusterTarget cluster = aws.cluster("ext-a", "lifecycle", "1.33");
    String name = "ext-a_lifecycle";

    assertThat(aws.provider.controlPlanes().ensure(cluster).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(aws.provider.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.CREATING);
    assertThat(aws.provider.controlPlanes().ensure(cluster).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThatThrownBy(() -> aws.provider.controlPlanes().kubeconfig(cluster))
        .isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.code()).isEqualTo("ControlPlaneNotReady");
          assertThat(e.retryable()).isTrue();
        });
    await().atMost(WAIT).until(() -> aws.provider.controlPlanes().observe(cluster).phase() == ProvisioningPhase.READY);
    assertThat(aws.requests.all(CreateClusterRequest.class).stream().filter(r -> r.name().equals(name))).hasSize(1);

    ClusterTarget upgraded = aws.withVersion(cluster, "1.34");
    assertThat(aws.provider.controlPlanes().ensure(upgraded).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(aws.requests.last(UpdateClusterVersionRequest.class).version()).isEqualTo("1.34");
    assertThat(aws.provider.controlPlanes().observe(upgraded).phase()).isEqualTo(ProvisioningPhase.UPDATING);
    assertThat(aws.provider.controlPlanes().ensure(upgraded).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    await().atMost(WAIT).until(() -> aws.provider.controlPlanes().observe(upgraded).phase()
        == ProvisioningPhase.READY);
    assertThat(aws.provider.controlPlanes().observe(upgraded).version()).isEqualTo("1.34");
    assertThat(aws.requests.all(UpdateClusterVersionRequest.class).stream().filter(r -> r.name().equals(name)))
        .hasSize(1);
    assertThat(aws.provider.controlPlanes().ensure(upgraded).isDone()).isTrue();

    assertThat(aws.provider.controlPlanes().delete(upgraded).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(aws.provider.controlPlanes().observe(upgraded).phase()).isEqualTo(ProvisioningPhase.DELETING);
    assertThat(aws.provider.controlPlanes().delete(upgraded).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(aws.provider.controlPlanes().ensure(upgraded).kind()).isEqualTo(OperationStatus.Kind.RETRY_LATER);
    await().atMost(WAIT).until(() -> aws.provider.controlPlanes().delete(upgraded).isDone());
    assertThat(aws.requests.all(DeleteClusterRequest.class).stream().filter(r -> r.name().equals(name))).hasSize(1);
  }

  @Test
  void nodeGroupMachinesAreItsInstancesByProviderId() throws Exception {
    ClusterTarget cluster = readyCluster("ext-b", "machines");
    NodePoolSpec desired = pool("machines-v1", 2);

    assertThat(aws.provider.nodePools().ensure(cluster, desired).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(aws.provider.nodePools().observe(cluster, "machines-v1").phase())
        .isEqualTo(ProvisioningPhase.CREATING);
    await().atMost(WAIT).until(() -> aws.provider.nodePools().observe(cluster, "machines-v1").phase()
        == ProvisioningPhase.READY);
    NodePoolState state = aws.provider.nodePools().observe(cluster, "machines-v1");
    assertThat(state.machines()).hasSize(2)
        .allSatisfy(id -> assertThat(id.value()).matches("^aws:////i-[0-9a-f]{8,17}$"));

    assertThat(aws.provider.nodePools().ensure(cluster, pool("machines-v1", 3)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    await().atMost(WAIT).untilAsserted(() -> {
      NodePoolState now = aws.provider.nodePools().observe(cluster, "machines-v1");
      assertThat(now.phase()).isEqualTo(ProvisioningPhase.READY);
      assertThat(now.machines()).hasSize(3).containsAll(state.machines());
    });

    assertThat(aws.provider.nodePools().delete(cluster, "machines-v1").kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    await().atMost(WAIT).until(() -> aws.provider.nodePools().delete(cluster, "machines-v1").isDone());
    assertThat(aws.provider.nodePools().observe(cluster, "machines-v1").exists()).isFalse();
  }

  @Test
  void aNodeGroupUpgradedOutsideSlipwayReportsTheCloudsVersion() throws Exception {
    ClusterTarget cluster = readyCluster("ext-c", "drift");
    aws.provider.nodePools().ensure(cluster, pool("drift-v1", 1));
    await().atMost(WAIT).until(() -> aws.provider.nodePools().observe(cluster, "drift-v1").phase()
        == ProvisioningPhase.READY);
    aws.eks().updateClusterVersion(r -> r.name("ext-c_drift").version("1.34"));
    await().atMost(WAIT).until(() -> aws.provider.controlPlanes().observe(aws.withVersion(cluster, "1.34")).phase()
        == ProvisioningPhase.READY);

    aws.eks().updateNodegroupVersion(r -> r.clusterName("ext-c_drift").nodegroupName("drift-v1").version("1.34"));

    await().atMost(WAIT).untilAsserted(() -> {
      NodePoolState state = aws.provider.nodePools().observe(cluster, "drift-v1");
      assertThat(state.phase()).isEqualTo(ProvisioningPhase.READY);
      assertThat(state.version()).isEqualTo("1.34");
    });
  }

  @Test
  void throttlingIsRetriedBySdkThenReportedRetryable() throws Exception {
    ClusterTarget cluster = readyCluster("ext-d", "throttled");
    long throttled = aws.calls("CreateNodegroup", "throttled");
    // More throttles than the SDK's 3 attempts: the call fails retryable.
    server.post("/slipway/faults", "{\"service\":\"eks\",\"operation\":\"CreateNodegroup\",\"kind\":\"throttle\","
        + "\"count\":5}");

    assertThatThrownBy(() -> aws.provider.nodePools().ensure(cluster, pool("throttled-v1", 1)))
        .isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).contains("create node group throttled-v1");
        });
    assertThat(aws.calls("CreateNodegroup", "throttled") - throttled).isEqualTo(1);
    // Two throttles left: the SDK's retries absorb them and the create goes through.
    assertThat(aws.provider.nodePools().ensure(cluster, pool("throttled-v1", 1)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
  }

  @Test
  void serverErrorsAreRetryable() throws Exception {
    ClusterTarget cluster = readyCluster("ext-e", "flaky");
    server.post("/slipway/faults", "{\"service\":\"eks\",\"operation\":\"CreateNodegroup\",\"kind\":\"server-error\","
        + "\"count\":3}");

    assertThatThrownBy(() -> aws.provider.nodePools().ensure(cluster, pool("flaky-v1", 1)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(aws.calls("CreateNodegroup", "server_error")).isPositive();
    assertThat(aws.provider.nodePools().ensure(cluster, pool("flaky-v1", 1)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
  }

  @Test
  void aFailedCreateIsReportedThenDeletedAndCreatedAgain() throws Exception {
    ClusterTarget cluster = readyCluster("ext-f", "failing");
    server.post("/slipway/faults", "{\"service\":\"eks\",\"operation\":\"CreateNodegroup\",\"kind\":\"fail\","
        + "\"count\":1}");
    aws.provider.nodePools().ensure(cluster, pool("failing-v1", 1));
    // The create ends CREATE_FAILED: observed FAILED with EKS's health issue.
    await().atMost(WAIT).until(() -> aws.provider.nodePools().observe(cluster, "failing-v1").phase()
        == ProvisioningPhase.FAILED);
    assertThat(aws.provider.nodePools().observe(cluster, "failing-v1").message())
        .contains("AsgInstanceLaunchFailures");
    // ensure retries: it deletes the failed group, and once it is gone creates it again (the fault is used up).
    OperationStatus retry = aws.provider.nodePools().ensure(cluster, pool("failing-v1", 1));
    assertThat(retry.kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(retry.reason()).isEqualTo("NodegroupCreateFailed");
    await().atMost(WAIT).until(() -> {
      aws.provider.nodePools().ensure(cluster, pool("failing-v1", 1));
      return aws.provider.nodePools().observe(cluster, "failing-v1").phase() == ProvisioningPhase.READY;
    });
    assertThat(aws.provider.nodePools().list(cluster)).containsExactly("failing-v1");
  }

  @Test
  void modeAndTheAutoscalingChoiceAreTagsUpdatedInPlace() throws Exception {
    ClusterTarget cluster = readyCluster("ext-g", "tags");
    aws.provider.nodePools().ensure(cluster, pool("tags-v1", 2));
    await().atMost(WAIT).until(() -> aws.provider.nodePools().observe(cluster, "tags-v1").phase()
        == ProvisioningPhase.READY);
    String arn = aws.provider.nodePools().observe(cluster, "tags-v1").cloudResourceId();
    assertThat(tagsNodeGroups(arn)).as("Slipway's moto tags node groups (TagResource)").isTrue();

    NodePoolSpec autoscaled = new NodePoolSpec("tags-v1", "1.33", template(), null, new Autoscaling(1, 5), null,
        null, NodepoolMode.System, null);
    aws.provider.nodePools().ensure(cluster, autoscaled);
    await().atMost(WAIT).untilAsserted(() -> {
      NodePoolState state = aws.provider.nodePools().observe(cluster, "tags-v1");
      assertThat(state.autoscaling()).isEqualTo(new Autoscaling(1, 5));
      assertThat(state.mode()).isEqualTo(NodepoolMode.System);
      assertThat(state.replicas()).isEqualTo(2);
    });
  }

  private static ClusterTarget readyCluster(String namespace, String name) throws Exception {
    ClusterTarget cluster = aws.cluster(namespace, name, "1.33");
    aws.provider.controlPlanes().ensure(cluster);
    await().atMost(WAIT).until(() -> aws.provider.controlPlanes().observe(cluster).phase() == ProvisioningPhase.READY);
    return cluster;
  }

  private static MachineTemplate template() {
    return new MachineTemplate("m6i.large", OsImage.Bottlerocket, Architecture.AMD64, "80Gi", null, null,
        CapacityType.OnDemand, List.of("eu-west-1a", "eu-west-1b"));
  }

  private static NodePoolSpec pool(String name, int replicas) {
    return new NodePoolSpec(name, "1.33", template(), replicas, null, Map.of("pool", name), null, NodepoolMode.User,
        Map.of("slipway.dev/machinepool", "ext/" + name));
  }

  private static boolean tagsNodeGroups(String arn) {
    try {
      aws.eks().tagResource(r -> r.resourceArn(arn).tags(Map.of("slipway.dev/probe", "true")));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean extended(MotoServer moto) throws InterruptedException {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          moto.endpoint().resolve("/slipway/config")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
