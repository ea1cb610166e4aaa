package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.MachineTemplate.Architecture;
import dev.slipway.api.v1alpha1.MachineTemplate.CapacityType;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.ControlPlaneState;
import dev.slipway.provider.Kubeconfig;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import dev.slipway.testing.moto.LocalMoto;
import dev.slipway.testing.moto.MotoServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.CreateNodegroupRequest;

/**
 * The AWS provider against moto with Slipway's extensions at their defaults: every EKS resource is ACTIVE at once,
 * deletes are immediate, node groups run desiredSize instances. Transitions and faults: {@link AwsProviderExtensionsIT}.
 */
@LocalMoto
class AwsProviderIT {

  private static MotoAws aws;

  @BeforeAll
  static void start(MotoServer moto) {
    aws = new MotoAws(moto);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void controlPlaneIsCreatedObservedUsedAndDeleted() throws Exception {
    ClusterTarget cluster = aws.cluster("team-a", "checkout-euw1", "1.33");
    long creates = aws.calls("CreateCluster", "success");
    long notFound = aws.calls("DescribeCluster", "client_error");
    assertThat(aws.provider.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.ABSENT);

    OperationStatus created = aws.provider.controlPlanes().ensure(cluster);

    assertThat(created.kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    ControlPlaneState state = aws.provider.controlPlanes().observe(cluster);
    assertThat(state.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(state.provisioningState()).isEqualTo("ACTIVE");
    assertThat(state.version()).isEqualTo("1.33");
    assertThat(state.endpoint()).startsWith("https://");
    assertThat(state.cloudResourceId()).startsWith("arn:aws:eks:eu-west-1:").endsWith("/team-a_checkout-euw1");
    var eks = aws.eks().describeCluster(r -> r.name("team-a_checkout-euw1")).cluster();
    assertThat(eks.roleArn()).isEqualTo(aws.clusterRoleArn);
    assertThat(eks.resourcesVpcConfig().subnetIds()).containsExactlyInAnyOrderElementsOf(aws.subnetIds);
    assertThat(eks.tags()).containsEntry("slipway.dev/cluster", "team-a/checkout-euw1").containsEntry("team",
        "team-a");

    // Idempotent: a second ensure finds it and has nothing to do.
    assertThat(aws.provider.controlPlanes().ensure(cluster).kind()).isEqualTo(OperationStatus.Kind.DONE);
    // A patch version is satisfied by its minor: no upgrade.
    assertThat(aws.provider.controlPlanes().ensure(aws.withVersion(cluster, "1.33.4")).isDone()).isTrue();
    assertThat(aws.provider.controlPlanes().observe(aws.withVersion(cluster, "1.33.4")).version())
        .isEqualTo("1.33.4");

    Instant before = Instant.now();
    Kubeconfig kubeconfig = aws.provider.controlPlanes().kubeconfig(cluster);
    assertThat(kubeconfig.toString()).doesNotContain("k8s-aws-v1");
    assertThat(kubeconfig.expiresAt()).isBetween(before.plus(Duration.ofMinutes(13)),
        Instant.now().plus(Duration.ofMinutes(14)));
    assertThat(kubeconfig.yaml()).contains("server: \"" + state.endpoint() + "\"",
        "certificate-authority-data: \"" + eks.certificateAuthority().data() + "\"",
        "current-context: \"team-a_checkout-euw1\"");
    String token = kubeconfig.yaml().replaceAll("(?s).*token: \"(k8s-aws-v1\\.[^\"]+)\".*", "$1");
    String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
        StandardCharsets.UTF_8);
    assertThat(URI.create(url).getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
    // moto routes unsigned GETs by path, not by the query's Action, so the URL cannot be replayed against it;
    // EksTokenTest checks what is signed.

    OperationStatus deleting = aws.provider.controlPlanes().delete(cluster);
    assertThat(deleting.kind()).isIn(OperationStatus.Kind.IN_PROGRESS, OperationStatus.Kind.DONE);
    assertThat(aws.provider.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.ABSENT);
    assertThat(aws.provider.controlPlanes().delete(cluster).isDone()).isTrue();
    // Timed by CloudRequestMetrics: one create; "not found" describes (first observe, after delete) are 4xx.
    assertThat(aws.calls("CreateCluster", "success") - creates).isEqualTo(1);
    assertThat(aws.calls("DescribeCluster", "client_error") - notFound).isGreaterThanOrEqualTo(3);
  }

  @Test
  void controlPlaneIsNeverDowngradedNorAdopted() throws Exception {
    ClusterTarget cluster = aws.cluster("team-b", "api", "1.33");
    aws.provider.controlPlanes().ensure(cluster);

    assertThatThrownBy(() -> aws.provider.controlPlanes().ensure(aws.withVersion(cluster, "1.32")))
        .isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.code()).isEqualTo("OperationNotAllowed");
          assertThat(e.retryable()).isFalse();
        });

    aws.eks().createCluster(r -> r.name("team-b_foreign").version("1.33").roleArn(aws.clusterRoleArn)
        .resourcesVpcConfig(v -> v.subnetIds(aws.subnetIds)));
    ClusterTarget foreign = aws.cluster("team-b", "foreign", "1.33");
    assertThatThrownBy(() -> aws.provider.controlPlanes().delete(foreign))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.code()).isEqualTo("NotOwned"));
    assertThat(aws.eks().describeCluster(r -> r.name("team-b_foreign")).cluster().statusAsString())
        .isEqualTo("ACTIVE");
    aws.provider.controlPlanes().delete(cluster);
  }

  @Test
  void nodeGroupIsCreatedObservedUpdatedInPlaceListedAndDeleted() throws Exception {
    ClusterTarget cluster = aws.cluster("team-c", "shop", "1.33");
    aws.provider.controlPlanes().ensure(cluster);
    MachineTemplate template = new MachineTemplate("m6i.large", OsImage.Bottlerocket, Architecture.AMD64, "80Gi",
        null, null, CapacityType.OnDemand, List.of("eu-west-1a", "eu-west-1b"));
    NodePoolSpec desired = new NodePoolSpec("shop-blue-v1abc", "1.33", template, 2, null,
        Map.of("os", "bottlerocket"), List.of(new Taint("dedicated", "shop", Taint.Effect.NoSchedule)),
        NodepoolMode.User, Map.of("slipway.dev/machinepool", "team-c/shop-blue"));

    assertThat(aws.provider.nodePools().ensure(cluster, desired).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);

    var group = aws.eks().describeNodegroup(r -> r.clusterName("team-c_shop").nodegroupName("shop-blue-v1abc"))
        .nodegroup();
    assertThat(group.subnets()).containsExactly(aws.subnetIds.get(0), aws.subnetIds.get(1));
    assertThat(group.amiTypeAsString()).isEqualTo("BOTTLEROCKET_x86_64");
    assertThat(group.diskSize()).isEqualTo(80);
    assertThat(group.nodeRole()).isEqualTo(aws.nodeRoleArn);
    // moto does not keep updateConfig: check what was sent.
    assertThat(aws.requests.last(CreateNodegroupRequest.class).updateConfig().maxUnavailable()).isEqualTo(1);
    assertThat(aws.requests.last(CreateNodegroupRequest.class).version()).isEqualTo("1.33");
    assertThat(group.tags()).containsEntry("slipway.dev/machinepool", "team-c/shop-blue")
        .containsEntry("slipway.dev/cluster", "team-c/shop");
    NodePoolState state = aws.provider.nodePools().observe(cluster, "shop-blue-v1abc");
    assertThat(state.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(state.template()).isEqualTo(template);
    assertThat(state.version()).isEqualTo("1.33");
    assertThat(state.replicas()).isEqualTo(2);
    assertThat(state.autoscaling()).isNull();
    assertThat(state.nodeLabels()).isEqualTo(Map.of("os", "bottlerocket"));
    assertThat(state.taints()).containsExactly(new Taint("dedicated", "shop", Taint.Effect.NoSchedule));
    assertThat(state.mode()).isEqualTo(NodepoolMode.User);
    // Slipway's moto extension runs desiredSize EC2 instances per node group, as EKS does.
    assertThat(state.machines()).hasSize(2)
        .allSatisfy(id -> assertThat(id.value()).matches("aws:////i-[0-9a-f]+"));
    assertThat(aws.provider.nodePools().ensure(cluster, desired).isDone()).isTrue();

    NodePoolSpec changed = new NodePoolSpec("shop-blue-v1abc", "1.33", template, 3, null,
        Map.of("os", "bottlerocket", "tier", "web"),
        List.of(new Taint("dedicated", "web", Taint.Effect.NoSchedule),
            new Taint("spot", null, Taint.Effect.PreferNoSchedule)),
        NodepoolMode.User, desired.tags());
    assertThat(aws.provider.nodePools().ensure(cluster, changed).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    state = aws.provider.nodePools().observe(cluster, "shop-blue-v1abc");
    assertThat(state.replicas()).isEqualTo(3);
    assertThat(state.nodeLabels()).isEqualTo(changed.nodeLabels());
    assertThat(state.taints()).containsExactlyInAnyOrderElementsOf(changed.taints());
    assertThat(state.template()).isEqualTo(template);
    assertThat(aws.provider.nodePools().ensure(cluster, changed).isDone()).isTrue();
    var update = aws.requests.last(software.amazon.awssdk.services.eks.model.UpdateNodegroupConfigRequest.class);
    assertThat(update.labels().addOrUpdateLabels()).isEqualTo(Map.of("tier", "web"));
    assertThat(update.taints().removeTaints()).isEmpty();

    assertThat(aws.provider.nodePools().list(cluster)).containsExactly("shop-blue-v1abc");
    assertThat(aws.provider.nodePools().delete(cluster, "shop-blue-v1abc").kind())
        .isIn(OperationStatus.Kind.IN_PROGRESS, OperationStatus.Kind.DONE);
    assertThat(aws.provider.nodePools().observe(cluster, "shop-blue-v1abc").exists()).isFalse();
    assertThat(aws.provider.nodePools().delete(cluster, "shop-blue-v1abc").isDone()).isTrue();
    assertThat(aws.provider.nodePools().list(cluster)).isEmpty();
    aws.provider.controlPlanes().delete(cluster);
  }

  @Test
  void autoscaledNodeGroupKeepsTheAutoscalersCountAndTakesNewBounds() throws Exception {
    ClusterTarget cluster = aws.cluster("team-c", "auto", "1.33");
    aws.provider.controlPlanes().ensure(cluster);
    MachineTemplate template = new MachineTemplate("m7g.large", OsImage.AL2023, Architecture.ARM64, "100Gi", null,
        null, CapacityType.Spot, null);
    NodePoolSpec desired = new NodePoolSpec("auto-v1", "1.33.2", template, null, new Autoscaling(2, 5), null, null,
        NodepoolMode.System, null);

    aws.provider.nodePools().ensure(cluster, desired);

    NodePoolState state = aws.provider.nodePools().observe(cluster, "auto-v1");
    assertThat(state.autoscaling()).isEqualTo(new Autoscaling(2, 5));
    assertThat(state.replicas()).isEqualTo(2);
    assertThat(state.mode()).isEqualTo(NodepoolMode.System);
    assertThat(state.version()).isEqualTo("1.33.2");
    assertThat(state.template()).isEqualTo(template);
    assertThat(aws.requests.last(CreateNodegroupRequest.class).version()).isEqualTo("1.33");
    assertThat(aws.requests.last(CreateNodegroupRequest.class).amiTypeAsString()).isEqualTo("AL2023_ARM_64_STANDARD");
    assertThat(aws.requests.last(CreateNodegroupRequest.class).capacityTypeAsString()).isEqualTo("SPOT");
    assertThat(aws.provider.nodePools().ensure(cluster, desired).isDone()).isTrue();

    // The autoscaler moved to 4 (here: someone else); new bounds keep that count.
    aws.eks().updateNodegroupConfig(r -> r.clusterName("team-c_auto").nodegroupName("auto-v1")
        .scalingConfig(s -> s.minSize(2).desiredSize(4).maxSize(5)));
    assertThat(aws.provider.nodePools().ensure(cluster, desired).isDone()).isTrue();
    NodePoolSpec wider = new NodePoolSpec("auto-v1", "1.33.2", template, null, new Autoscaling(1, 8), null, null,
        NodepoolMode.System, null);
    assertThat(aws.provider.nodePools().ensure(cluster, wider).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    state = aws.provider.nodePools().observe(cluster, "auto-v1");
    assertThat(state.autoscaling()).isEqualTo(new Autoscaling(1, 8));
    assertThat(state.replicas()).isEqualTo(4);
  }

  @Test
  void listPaginates() throws Exception {
    ClusterTarget cluster = aws.cluster("team-d", "many", "1.33");
    aws.provider.controlPlanes().ensure(cluster);
    MachineTemplate template = new MachineTemplate("m6g.large", OsImage.AL2, Architecture.ARM64, "20Gi", null, null,
        CapacityType.Spot, null);
    for (int i = 0; i < 12; i++) {
      aws.provider.nodePools().ensure(cluster, new NodePoolSpec("pool-" + i, "1.33", template, 1, null, null, null,
          null, null));
    }
    int pages = aws.requests.all(software.amazon.awssdk.services.eks.model.ListNodegroupsRequest.class).size();
    // SmallPages asks for 5 names a page: 12 node groups take 3 pages.
    assertThat(aws.provider.nodePools().list(cluster)).hasSize(12).doesNotHaveDuplicates();
    assertThat(aws.requests.all(software.amazon.awssdk.services.eks.model.ListNodegroupsRequest.class).size() - pages)
        .isEqualTo(3);
    NodePoolState spot = aws.provider.nodePools().observe(cluster, "pool-0");
    assertThat(spot.template()).isEqualTo(template);
  }

  @Test
  void nodeGroupFieldsEksCannotTakeAreRefusedBeforeAnyCall() throws Exception {
    ClusterTarget cluster = aws.cluster("team-e", "refusals", "1.33");
    aws.provider.controlPlanes().ensure(cluster);

    MachineTemplate elsewhere = new MachineTemplate("m6i.large", OsImage.AL2023, Architecture.AMD64, "80Gi", null,
        null, CapacityType.OnDemand, List.of("eu-west-1d"));
    assertThatThrownBy(() -> aws.provider.nodePools().ensure(cluster, new NodePoolSpec("p1", "1.33", elsewhere, 1,
        null, null, null, null, null))).isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("template.zones", "eu-west-1d");
        });
    MachineTemplate gp3 = new MachineTemplate("m6i.large", OsImage.AL2023, Architecture.AMD64, "80Gi", "gp3", null,
        CapacityType.OnDemand, null);
    assertThatThrownBy(() -> aws.provider.nodePools().ensure(cluster, new NodePoolSpec("p2", "1.33", gp3, 1, null,
        null, null, null, null))).isInstanceOfSatisfying(CloudException.class,
            e -> assertThat(e.getMessage()).contains("template.diskType"));
    assertThat(aws.provider.nodePools().list(cluster)).isEmpty();
  }

  @Test
  void nodeGroupBeforeItsControlPlaneIsARetryableError() {
    ClusterTarget cluster = aws.cluster("team-f", "not-yet", "1.33");
    MachineTemplate template = new MachineTemplate("m6i.large", OsImage.AL2023, Architecture.AMD64, "80Gi", null,
        null, CapacityType.OnDemand, null);
    assertThatThrownBy(() -> aws.provider.nodePools().ensure(cluster, new NodePoolSpec("p", "1.33", template, 1,
        null, null, null, null, null))).isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.code()).isEqualTo("ControlPlaneNotFound");
        });
  }

  @Test
  void registryAccessIsGrantedAndRevokedIdempotently() throws Exception {
    ClusterTarget cluster = aws.cluster("team-g", "pull", "1.33");
    String registry = "arn:aws:ecr:eu-west-1:123456789012:repository/team-g/*";
    String role = aws.nodeRoleArn.substring(aws.nodeRoleArn.lastIndexOf('/') + 1);

    assertThat(aws.provider.registryAccess().isGranted(cluster, registry)).isFalse();
    assertThat(aws.provider.registryAccess().grant(cluster, registry).isDone()).isTrue();
    assertThat(aws.provider.registryAccess().grant(cluster, registry).isDone()).isTrue();
    assertThat(aws.provider.registryAccess().isGranted(cluster, registry)).isTrue();
    assertThat(aws.iam().listRolePolicies(r -> r.roleName(role)).policyNames())
        .containsExactly(EcrPullPolicy.policyName(registry));
    String document = java.net.URLDecoder.decode(aws.iam().getRolePolicy(r -> r.roleName(role)
        .policyName(EcrPullPolicy.policyName(registry))).policyDocument(), StandardCharsets.UTF_8);
    assertThat(document).contains("ecr:GetAuthorizationToken", "ecr:BatchGetImage", registry);

    assertThat(aws.provider.registryAccess().revoke(cluster, registry).isDone()).isTrue();
    assertThat(aws.provider.registryAccess().isGranted(cluster, registry)).isFalse();
    assertThat(aws.provider.registryAccess().revoke(cluster, registry).isDone()).isTrue();
    assertThatThrownBy(() -> aws.provider.registryAccess().grant(cluster, "myregistry.example.com"))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameter"));
  }

  @Test
  void autoscalerProfilesAreUnsupported() throws Exception {
    ClusterTarget cluster = aws.cluster("team-h", "auto", "1.33");
    assertThat(aws.provider.autoscalerProfiles().supported()).isFalse();
    assertThat(aws.provider.autoscalerProfiles().observe(cluster)).isNull();
    assertThatThrownBy(() -> aws.provider.autoscalerProfiles().ensure(cluster,
        new dev.slipway.api.v1alpha1.AutoscalerProfile(true, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null)))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.code()).isEqualTo("Unsupported"));
  }
}
