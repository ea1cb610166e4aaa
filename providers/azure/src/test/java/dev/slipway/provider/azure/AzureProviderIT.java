package dev.slipway.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.AzureClusterSpec;
import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import dev.slipway.testing.azure.FakeArm;
import dev.slipway.testing.ManualClock;
import dev.slipway.testing.azure.OperationRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

/**
 * The {@code azure} provider against {@link FakeArm} through the real SDK over HTTPS, on a hand-moved clock: every
 * port, the per-cluster operation gate, AKS's 409 and 429, providerIDs of overlapping ordinals, role assignments and
 * the autoscaler profile. Each test uses its own Cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureProviderIT {

  private static final String SUBSCRIPTION = "5a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
  private static final String RESOURCE_GROUP = "Rg-Payments";
  private static final String REGISTRY = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-shared/providers/"
      + "Microsoft.ContainerRegistry/registries/paymentsacr";
  private static final MachineTemplate TEMPLATE = new MachineTemplate("Standard_D4s_v5", OsImage.AzureLinux,
      MachineTemplate.Architecture.AMD64, "128Gi", "Managed", 110, MachineTemplate.CapacityType.OnDemand,
      List.of("1", "2"));

  private ManualClock clock;
  private FakeArm fake;
  private SimpleMeterRegistry meters;
  private AzureClients clients;
  private AzureProvider provider;

  @BeforeAll
  void start() {
    clock = new ManualClock(Instant.parse("2026-05-01T08:00:00Z"));
    fake = FakeArm.start(clock);
    fake.addRegistry(REGISTRY);
    TokenCredential credential = request -> Mono.just(new AccessToken(fake.staticToken(),
        OffsetDateTime.now().plusHours(1)));
    meters = new SimpleMeterRegistry();
    clients = new AzureClients(AzureProperties.forEndpoint(fake.endpoint(), fake.certificatePem(),
        Duration.ofSeconds(5)), credential, List.of(new AzureRequestMetrics(meters)));
    provider = new AzureProvider(clients, clock);
  }

  @AfterAll
  void stop() {
    fake.close();
  }

  @Test
  void aClusterIsCreatedWithItsSystemPoolUpgradedInPlaceAndDeleted() throws Exception {
    ClusterTarget cluster = target("lifecycle", "1.33");
    String aks = AksNames.clusterName(cluster);

    OperationStatus withoutSystem = provider.controlPlanes().ensure(cluster, List.of(pool("user1a2b3c4d", 1,
        NodepoolMode.User)));
    assertThat(withoutSystem.kind()).isEqualTo(OperationStatus.Kind.RETRY_LATER);
    assertThat(withoutSystem.reason()).isEqualTo("NoSystemNodepool");

    NodePoolSpec system = pool("sys1a2b3c4d5", 2, NodepoolMode.System);
    assertThat(provider.controlPlanes().ensure(cluster, List.of(system)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(provider.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.CREATING);
    assertThat(provider.controlPlanes().ensure(cluster, List.of(system)).kind())
        .as("a second ensure while creating starts nothing").isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(3));

    var state = provider.controlPlanes().observe(cluster);
    assertThat(state.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(state.version()).isEqualTo("1.33");
    assertThat(state.endpoint()).startsWith("https://").endsWith(":443");
    assertThat(fake.agentPools(SUBSCRIPTION, RESOURCE_GROUP, aks)).singleElement()
        .satisfies(p -> assertThat(p.name()).isEqualTo("sys1a2b3c4d5"));
    // The MachinePool that comes later finds its pool as it would have created it: no drift, nothing to apply.
    NodePoolState pool = provider.nodePools().observe(cluster, "sys1a2b3c4d5");
    assertThat(pool.template()).isEqualTo(TEMPLATE);
    assertThat(pool.version()).isEqualTo("1.33");
    assertThat(provider.nodePools().ensure(cluster, system).isDone()).isTrue();
    assertThat(provider.controlPlanes().ensure(cluster).isDone()).isTrue();
    fake.kubeconfigFor(SUBSCRIPTION, RESOURCE_GROUP, aks, "apiVersion: v1\nkind: Config\n# lifecycle\n");
    assertThat(provider.controlPlanes().kubeconfig(cluster).yaml()).contains("# lifecycle");
    assertThat(provider.controlPlanes().kubeconfig(cluster).expiresAt()).isEqualTo(clock.instant()
        .plus(Duration.ofHours(1)));
    // Rotated cluster certificates: the next read (due when the Secret's credentials are rechecked) has them.
    fake.rotateCredentials(SUBSCRIPTION, RESOURCE_GROUP, aks);
    clock.advance(Duration.ofSeconds(2));
    assertThat(provider.controlPlanes().kubeconfig(cluster).yaml()).contains("# lifecycle")
        .contains("credential generation");

    ClusterTarget upgraded = target("lifecycle", "1.34");
    assertThat(provider.controlPlanes().ensure(upgraded).reason()).isEqualTo("ControlPlaneUpdating");
    assertThat(provider.controlPlanes().observe(upgraded).phase()).isEqualTo(ProvisioningPhase.UPDATING);
    clock.advance(Duration.ofSeconds(3));
    assertThat(provider.controlPlanes().observe(upgraded).version()).isEqualTo("1.34");
    assertThat(provider.nodePools().observe(upgraded, "sys1a2b3c4d5").version())
        .as("the control plane alone was upgraded").isEqualTo("1.33");
    assertThatThrownBy(() -> provider.controlPlanes().ensure(target("lifecycle", "1.33")))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("downgrade");

    assertThat(provider.controlPlanes().delete(upgraded).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(provider.controlPlanes().delete(upgraded).reason()).isEqualTo("ControlPlaneDeleting");
    clock.advance(Duration.ofSeconds(2));
    assertThat(provider.controlPlanes().delete(upgraded).isDone()).isTrue();
    assertThat(provider.controlPlanes().observe(upgraded).phase()).isEqualTo(ProvisioningPhase.ABSENT);
    assertThat(fake.machines()).noneMatch(m -> m.cluster().equals(aks));
  }

  @Test
  void poolOperationsAreSerialisedPerClusterAndOrdinalsNeverConfuseMachines() throws Exception {
    ClusterTarget cluster = created("pools");
    String aks = AksNames.clusterName(cluster);
    NodePoolSpec apps = pool("apps1a2b3c4d", 2, NodepoolMode.User);
    NodePoolSpec batch = pool("batch1a2b3c4", 2, NodepoolMode.User);

    assertThat(provider.nodePools().ensure(cluster, apps).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    OperationStatus busy = provider.nodePools().ensure(cluster, batch);
    assertThat(busy.kind()).isEqualTo(OperationStatus.Kind.RETRY_LATER);
    assertThat(busy.reason()).isEqualTo("ClusterBusy");
    assertThat(busy.message()).contains("agent pool apps1a2b3c4d is Creating");
    assertThat(provider.nodePools().observe(cluster, "batch1a2b3c4").exists()).isFalse();
    clock.advance(Duration.ofSeconds(3));
    assertThat(provider.nodePools().ensure(cluster, batch).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(3));

    List<ProviderId> appsMachines = provider.nodePools().observe(cluster, "apps1a2b3c4d").machines();
    List<ProviderId> batchMachines = provider.nodePools().observe(cluster, "batch1a2b3c4").machines();
    assertThat(appsMachines).hasSize(2);
    assertThat(batchMachines).hasSize(2);
    assertThat(appsMachines.stream().map(ProviderId::lastSegment))
        .containsExactlyInAnyOrderElementsOf(batchMachines.stream().map(ProviderId::lastSegment).toList());
    assertThat(appsMachines).doesNotContainAnyElementsOf(batchMachines);
    assertThat(appsMachines).allSatisfy(id -> assertThat(id.value())
        .startsWith("azure:///subscriptions/" + SUBSCRIPTION.toLowerCase() + "/resourcegroups/mc_rg-payments_")
        .contains("/providers/microsoft.compute/virtualmachinescalesets/aks-apps1a2b3c4d-"));
    // The Node providerIDs AKS writes (lower-cased node resource group) are the same machines.
    List<ProviderId> nodeIds = fake.machines().stream().filter(m -> m.cluster().equals(aks)
        && m.pool().equals("apps1a2b3c4d")).map(m -> ProviderId.parse(m.providerId())).toList();
    assertThat(nodeIds).containsExactlyInAnyOrderElementsOf(appsMachines);

    // In place: labels, taints and the autoscaler bounds; the count then belongs to the autoscaler.
    NodePoolSpec changed = new NodePoolSpec("apps1a2b3c4d", "1.33", TEMPLATE, null, new Autoscaling(2, 5),
        Map.of("workload", "apps"), List.of(new Taint("dedicated", "apps", Taint.Effect.NoSchedule)),
        NodepoolMode.User, Map.of());
    assertThat(provider.nodePools().ensure(cluster, changed).reason()).isEqualTo("PoolUpdating");
    clock.advance(Duration.ofSeconds(2));
    NodePoolState updated = provider.nodePools().observe(cluster, "apps1a2b3c4d");
    assertThat(updated.autoscaling()).isEqualTo(new Autoscaling(2, 5));
    assertThat(updated.nodeLabels()).isEqualTo(Map.of("workload", "apps"));
    assertThat(updated.taints()).containsExactly(new Taint("dedicated", "apps", Taint.Effect.NoSchedule));
    assertThat(updated.template()).isEqualTo(TEMPLATE);
    fake.setAutoscalerCount(SUBSCRIPTION, RESOURCE_GROUP, aks, "apps1a2b3c4d", 4);
    assertThat(provider.nodePools().ensure(cluster, changed).isDone()).as("the autoscaler's count is kept").isTrue();

    // AKS's own 409, for the race the gate's read cannot close, is "busy" too.
    fake.failNext(1, 409, "OperationNotAllowed", "PUT", "/agentPools/batch1a2b3c4");
    NodePoolSpec batchBigger = pool("batch1a2b3c4", 3, NodepoolMode.User);
    OperationStatus raced = provider.nodePools().ensure(cluster, batchBigger);
    assertThat(raced.kind()).isEqualTo(OperationStatus.Kind.RETRY_LATER);
    assertThat(raced.reason()).isEqualTo("ClusterBusy");
    assertThat(raced.message()).contains("OperationNotAllowed");

    assertThat(provider.nodePools().delete(cluster, "apps1a2b3c4d").reason()).isEqualTo("PoolDeleting");
    assertThat(provider.nodePools().delete(cluster, "batch1a2b3c4").kind())
        .isEqualTo(OperationStatus.Kind.RETRY_LATER);
    clock.advance(Duration.ofSeconds(2));
    assertThat(provider.nodePools().delete(cluster, "apps1a2b3c4d").isDone()).isTrue();
    assertThat(provider.nodePools().list(cluster)).containsExactlyInAnyOrder("sys1a2b3c4d5", "batch1a2b3c4");

    List<OperationRecord> history = fake.operationHistory(SUBSCRIPTION, RESOURCE_GROUP, aks);
    for (int i = 0; i < history.size(); i++) {
      for (int j = i + 1; j < history.size(); j++) {
        assertThat(history.get(i).overlaps(history.get(j))).as("%s and %s", history.get(i), history.get(j))
            .isFalse();
      }
    }
  }

  @Test
  void theLastSystemPoolIsNeverDeletedWhileTheClusterLives() throws Exception {
    ClusterTarget cluster = created("lastsystem");

    OperationStatus refused = provider.nodePools().delete(cluster, "sys1a2b3c4d5");
    assertThat(refused.kind()).isEqualTo(OperationStatus.Kind.RETRY_LATER);
    assertThat(refused.reason()).isEqualTo("LastSystemPool");
    assertThat(provider.nodePools().observe(cluster, "sys1a2b3c4d5").exists()).isTrue();

    // A replacement System pool first; then the old one may go.
    assertThat(provider.nodePools().ensure(cluster, pool("sys9f8e7d6c5", 2, NodepoolMode.System)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(3));
    assertThat(provider.nodePools().delete(cluster, "sys1a2b3c4d5").kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(2));
    assertThat(provider.nodePools().list(cluster)).containsExactly("sys9f8e7d6c5");

    ClusterTarget deleting = new ClusterTarget(cluster.namespace(), cluster.name(), cluster.uid(), cluster.spec(),
        true);
    assertThat(provider.nodePools().delete(deleting, "sys9f8e7d6c5").isDone())
        .as("it goes with the managed cluster").isTrue();
    assertThat(provider.nodePools().list(cluster)).containsExactly("sys9f8e7d6c5");
  }

  @Test
  void throttlingAndServerErrorsAreRetryableWithArmCodesAndRequestIds() throws Exception {
    ClusterTarget cluster = created("faults");

    fake.throttleNext(1, Duration.ofSeconds(17));
    assertThatThrownBy(() -> provider.nodePools().observe(cluster, "sys1a2b3c4d5"))
        .isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
          assertThat(e.code()).isEqualTo("TooManyRequests");
          assertThat(e.requestId()).isNotBlank();
        });
    // One 5xx is absorbed by the SDK's single quick retry; two are not.
    fake.failNext(2, 503, "ServiceUnavailable", "GET", "/agentPools/sys1a2b3c4d5");
    assertThatThrownBy(() -> provider.nodePools().observe(cluster, "sys1a2b3c4d5"))
        .isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.code()).isEqualTo("ServiceUnavailable");
        });
    fake.failNext(1, 503, "ServiceUnavailable", "GET", "/agentPools/sys1a2b3c4d5");
    assertThat(provider.nodePools().observe(cluster, "sys1a2b3c4d5").exists()).isTrue();
    assertThat(meters.find(AzureRequestMetrics.METER).tags("provider", "azure", "outcome", "throttled").timer())
        .isNotNull();

    // A failed operation leaves the pool Failed; ensure repairs it with a PUT, like "az aks nodepool update".
    NodePoolSpec apps = pool("apps1a2b3c4d", 1, NodepoolMode.User);
    fake.failNextOperation("/agentPools/apps1a2b3c4d", "VMExtensionProvisioningError", "the CSE failed");
    provider.nodePools().ensure(cluster, apps);
    clock.advance(Duration.ofSeconds(3));
    NodePoolState failed = provider.nodePools().observe(cluster, "apps1a2b3c4d");
    assertThat(failed.phase()).isEqualTo(ProvisioningPhase.FAILED);
    assertThat(failed.message()).isEqualTo("VMExtensionProvisioningError: the CSE failed");
    assertThat(provider.nodePools().ensure(cluster, apps).reason()).isEqualTo("PoolUpdating");
    clock.advance(Duration.ofSeconds(3));
    assertThat(provider.nodePools().observe(cluster, "apps1a2b3c4d").phase()).isEqualTo(ProvisioningPhase.READY);
  }

  @Test
  void acrPullIsGrantedToTheKubeletIdentityOnceAndRevoked() throws Exception {
    ClusterTarget cluster = created("acr");

    assertThat(provider.registryAccess().isGranted(cluster, REGISTRY)).isFalse();
    assertThat(provider.registryAccess().grant(cluster, REGISTRY).isDone()).isTrue();
    assertThat(provider.registryAccess().grant(cluster, REGISTRY).isDone()).isTrue();
    assertThat(provider.registryAccess().isGranted(cluster, REGISTRY)).isTrue();
    String kubelet = fake.clusters().stream().filter(c -> c.name().equals(AksNames.clusterName(cluster)))
        .findFirst().orElseThrow().kubeletObjectId();
    assertThat(fake.roleAssignments()).filteredOn(a -> a.principalId().equals(kubelet)).singleElement()
        .satisfies(a -> {
          assertThat(a.scope()).isEqualToIgnoringCase(REGISTRY);
          assertThat(a.roleDefinitionId()).endsWith("/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d");
          assertThat(a.name()).isEqualTo(AksNames.roleAssignmentName(cluster, REGISTRY));
          assertThat(a.principalType()).isEqualTo("ServicePrincipal");
        });

    assertThatThrownBy(() -> provider.registryAccess().grant(cluster, REGISTRY.replace("paymentsacr", "nosuchacr")))
        .isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.code()).isEqualTo("RegistryNotFound");
          assertThat(e.retryable()).isFalse();
        });

    assertThat(provider.registryAccess().revoke(cluster, REGISTRY).isDone()).isTrue();
    assertThat(provider.registryAccess().revoke(cluster, REGISTRY).isDone()).isTrue();
    assertThat(provider.registryAccess().isGranted(cluster, REGISTRY)).isFalse();
    assertThat(fake.roleAssignments()).noneMatch(a -> a.principalId().equals(kubelet));
  }

  @Test
  void aNewKubeletIdentityIsRetriedUntilAzureRbacKnowsIt() throws Exception {
    fake.setPrincipalReplicationLag(Duration.ofSeconds(30));
    try {
      ClusterTarget cluster = created("lag");
      OperationStatus early = provider.registryAccess().grant(cluster, REGISTRY);
      assertThat(early.kind()).isEqualTo(OperationStatus.Kind.RETRY_LATER);
      assertThat(early.reason()).isEqualTo("PrincipalNotFound");
      clock.advance(Duration.ofSeconds(31));
      assertThat(provider.registryAccess().grant(cluster, REGISTRY).isDone()).isTrue();
      provider.registryAccess().revoke(cluster, REGISTRY);
    } finally {
      fake.setPrincipalReplicationLag(Duration.ZERO);
    }
  }

  @Test
  void theAutoscalerProfileIsAppliedOnceAndReadBackWithAksDefaults() throws Exception {
    ClusterTarget cluster = created("profile");
    AutoscalerProfile sample = new AutoscalerProfile(true, null, null, AutoscalerProfile.Expander.LEAST_WASTE, null,
        null, 600, null, null, null, null, "10s", "10m", null, null, "10m", null, "0.5", false, null);

    assertThat(provider.autoscalerProfiles().observe(cluster)).isEqualTo(AksAutoscalerProfiles.AKS_DEFAULTS);
    assertThat(provider.autoscalerProfiles().ensure(cluster, sample).reason()).isEqualTo("ProfileUpdating");
    clock.advance(Duration.ofSeconds(2));
    AutoscalerProfile applied = provider.autoscalerProfiles().observe(cluster);
    assertThat(applied.expander()).isEqualTo(AutoscalerProfile.Expander.LEAST_WASTE);
    assertThat(applied.balanceSimilarNodeGroups()).isTrue();
    assertThat(applied.maxNodeProvisionTime()).as("AKS's default").isEqualTo("15m");
    assertThat(applied).isEqualTo(provider.autoscalerProfiles().effective(sample));
    assertThat(provider.autoscalerProfiles().ensure(cluster, sample).isDone()).isTrue();

    assertThat(provider.autoscalerProfiles().ensure(cluster, null).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(2));
    assertThat(provider.autoscalerProfiles().observe(cluster)).isEqualTo(AksAutoscalerProfiles.AKS_DEFAULTS);
  }

  @Test
  void aClusterSlipwayDidNotCreateIsNeverAdopted() throws Exception {
    ClusterTarget cluster = target("foreign", "1.33");
    // Someone created a managed cluster under the name Slipway would use, without Slipway's ownership tag.
    clients.managedClusters(SUBSCRIPTION).beginCreateOrUpdate(RESOURCE_GROUP, AksNames.clusterName(cluster),
        AksControlPlanes.newCluster(cluster, List.of(pool("sys1a2b3c4d5", 1, NodepoolMode.System)))
            .withTags(Map.of("owner", "someone-else")));
    clock.advance(Duration.ofSeconds(3));

    for (ThrowingCall call : List.<ThrowingCall>of(() -> provider.controlPlanes().observe(cluster),
        () -> provider.controlPlanes().ensure(target("foreign", "1.34")),
        () -> provider.controlPlanes().delete(cluster))) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(CloudException.class, e -> {
        assertThat(e.code()).isEqualTo("ClusterNotOwned");
        assertThat(e.retryable()).isFalse();
      });
    }
    assertThat(fake.clusters()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo(AksNames.clusterName(cluster));
      assertThat(c.kubernetesVersion()).isEqualTo("1.33");
      assertThat(c.provisioningState()).isEqualTo("Succeeded");
    });
  }

  /** A provider call, for tables of calls. */
  @FunctionalInterface
  private interface ThrowingCall {
    Object run() throws Exception;
  }

  /** A READY cluster with one System pool {@code sys1a2b3c4d5} of 2 nodes. */
  private ClusterTarget created(String name) throws CloudException {
    ClusterTarget cluster = target(name, "1.33");
    OperationStatus status = provider.controlPlanes().ensure(cluster, List.of(pool("sys1a2b3c4d5", 2,
        NodepoolMode.System)));
    assertThat(status.kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(3));
    assertThat(provider.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.READY);
    return cluster;
  }

  private static ClusterTarget target(String name, String version) {
    return new ClusterTarget("team-a", name, "uid-" + name, new ClusterSpec(CloudProvider.AZURE, "westeurope",
        version, null, null, new AzureClusterSpec(SUBSCRIPTION, RESOURCE_GROUP, AzureClusterSpec.SkuTier.Standard,
            AzureClusterSpec.NetworkPlugin.AZURE, Map.of("team", "payments")), null));
  }

  private static NodePoolSpec pool(String name, int replicas, NodepoolMode mode) {
    List<Taint> taints = new ArrayList<>();
    if (mode == NodepoolMode.System) {
      taints.add(new Taint("CriticalAddonsOnly", "true", Taint.Effect.NoSchedule));
    }
    return new NodePoolSpec(name, "1.33", TEMPLATE, replicas, null, Map.of(), taints, mode,
        Map.of("slipway.dev/machinepool", "team-a/" + name));
  }
}
