package dev.slipway.provider.sim;

import static dev.slipway.provider.sim.SimFixtures.TEST_LATENCY;
import static dev.slipway.provider.sim.SimFixtures.cluster;
import static dev.slipway.provider.sim.SimFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.api.v1alpha1.AllowedNamespaces;
import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.ProviderIdentitySpec;
import dev.slipway.api.v1alpha1.SimIdentity;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.ResolvedIdentity;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ControlPlaneState;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import dev.slipway.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimCloudTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemorySimStateStore store = new InMemorySimStateStore();
  private final RecordingNodes nodes = new RecordingNodes();
  private SimCloud cloud;
  private final ClusterTarget cluster = cluster("team-a", "c1");

  @BeforeEach
  void setUp() {
    cloud = cloud(SimFaults.none());
  }

  private SimCloud cloud(SimFaults faults) {
    Map<LatencyProfile, LatencyModel> latency = new EnumMap<>(LatencyProfile.class);
    latency.put(LatencyProfile.Fast, TEST_LATENCY);
    return new SimCloud(clock, store, null, nodes, latency, faults, SimRandomness.seeded(42));
  }

  private void advance(long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
  }

  private void readyControlPlane(ClusterTarget target) throws CloudException {
    cloud.controlPlanes().ensure(target);
    advance(10);
    assertThat(cloud.controlPlanes().observe(target).phase()).isEqualTo(ProvisioningPhase.READY);
  }

  private NodePoolState readyPool(ClusterTarget target, NodePoolSpec spec) throws CloudException {
    assertThat(cloud.nodePools().ensure(target, spec).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    advance(5);
    NodePoolState state = cloud.nodePools().observe(target, spec.cloudPoolName());
    assertThat(state.phase()).isEqualTo(ProvisioningPhase.READY);
    return state;
  }

  private static List<String> ordinals(NodePoolState state) {
    return state.machines().stream().map(ProviderId::lastSegment).toList();
  }

  @Test
  void controlPlaneIsCreatingUntilItsCreateTimeThenReady() throws CloudException {
    assertThat(cloud.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.ABSENT);

    OperationStatus started = cloud.controlPlanes().ensure(cluster);
    assertThat(started.kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(started.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(cloud.controlPlanes().ensure(cluster).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);

    advance(9);
    ControlPlaneState creating = cloud.controlPlanes().observe(cluster);
    assertThat(creating.phase()).isEqualTo(ProvisioningPhase.CREATING);
    assertThat(creating.provisioningState()).isEqualTo("Creating");

    advance(1);
    ControlPlaneState ready = cloud.controlPlanes().observe(cluster);
    assertThat(ready.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(ready.version()).isEqualTo("1.33");
    assertThat(ready.endpoint()).isEqualTo("https://c1.team-a.sim.invalid");
    assertThat(ready.cloudResourceId()).endsWith("/resourceGroups/team-a_c1/providers/Sim.ContainerService/"
        + "managedClusters/c1");
    assertThat(cloud.controlPlanes().ensure(cluster)).isEqualTo(OperationStatus.done());
    assertThat(cloud.controlPlanes().kubeconfig(cluster).yaml())
        .contains("server: https://c1.team-a.sim.invalid");
  }

  @Test
  void recordsWhichAccountChangedTheCluster() throws CloudException {
    ClusterTarget asTeamA = new ClusterTarget(cluster.namespace(), cluster.name(), cluster.uid(), cluster.spec(),
        false, new ResolvedIdentity("team-a-sim", new ProviderIdentitySpec(CloudProvider.SIM, null, null,
            new SimIdentity("team-a-account"), new AllowedNamespaces(null, null))));

    cloud.controlPlanes().ensure(asTeamA);
    assertThat(store.read("team-a", "c1").state().accounts()).containsExactly("team-a-account");

    advance(10);
    cloud.nodePools().ensure(cluster, pool("alpha", 1));
    assertThat(store.read("team-a", "c1").state().accounts())
        .as("a call with the controllers' own identity is recorded as the default account")
        .containsExactly("default", "team-a-account");
  }

  @Test
  void controlPlaneUpgradesInPlaceAndRefusesDowngradesAndSkips() throws CloudException {
    readyControlPlane(cluster);

    CloudException downgrade = catchThrowableOfType(CloudException.class,
        () -> cloud.controlPlanes().ensure(cluster("team-a", "c1", "1.32", LatencyProfile.Fast)));
    assertThat(downgrade.code()).isEqualTo("OperationNotAllowed");
    assertThat(downgrade.retryable()).isFalse();
    CloudException skip = catchThrowableOfType(CloudException.class,
        () -> cloud.controlPlanes().ensure(cluster("team-a", "c1", "1.35", LatencyProfile.Fast)));
    assertThat(skip.code()).isEqualTo("OperationNotAllowed");
    assertThat(skip.retryable()).isFalse();

    ClusterTarget upgraded = cluster("team-a", "c1", "1.34", LatencyProfile.Fast);
    assertThat(cloud.controlPlanes().ensure(upgraded).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    ControlPlaneState upgrading = cloud.controlPlanes().observe(upgraded);
    assertThat(upgrading.phase()).isEqualTo(ProvisioningPhase.UPDATING);
    assertThat(upgrading.version()).as("runs the old version until the upgrade completes").isEqualTo("1.33");
    assertThat(cloud.controlPlanes().ensure(upgraded).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);

    advance(20);
    ControlPlaneState ready = cloud.controlPlanes().observe(upgraded);
    assertThat(ready.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(ready.version()).isEqualTo("1.34");
    assertThat(cloud.controlPlanes().ensure(upgraded)).isEqualTo(OperationStatus.done());
    assertThat(cloud.controlPlanes().ensure(cluster("team-a", "c1", "1.34.2", LatencyProfile.Fast)).kind())
        .as("pinning a patch is an upgrade").isEqualTo(OperationStatus.Kind.IN_PROGRESS);
  }

  @Test
  void poolIsCreatingUntilEveryNodeRegisteredAndOrdinalsRepeatAcrossPools() throws CloudException {
    readyControlPlane(cluster);

    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 3)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    NodePoolState justStarted = cloud.nodePools().observe(cluster, "alpha");
    assertThat(justStarted.phase()).isEqualTo(ProvisioningPhase.CREATING);
    assertThat(justStarted.machines()).as("no VM yet").isEmpty();

    advance(1);
    NodePoolState vmsUp = cloud.nodePools().observe(cluster, "alpha");
    assertThat(vmsUp.phase()).as("VMs exist before their Nodes register").isEqualTo(ProvisioningPhase.CREATING);
    assertThat(vmsUp.machines()).hasSize(3);
    assertThat(nodes.registered).isEmpty();

    advance(4);
    NodePoolState alpha = cloud.nodePools().observe(cluster, "alpha");
    assertThat(alpha.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(alpha.provisioningState()).isEqualTo("Succeeded");
    assertThat(alpha.replicas()).isEqualTo(3);
    assertThat(alpha.template()).isEqualTo(SimFixtures.TEMPLATE);
    assertThat(nodes.registered).hasSize(3);

    NodePoolState beta = readyPool(cluster, pool("beta", 2));

    assertThat(ordinals(alpha)).containsExactly("0", "1", "2");
    assertThat(ordinals(beta)).containsExactly("0", "1");
    List<ProviderId> all = new ArrayList<>(alpha.machines());
    all.addAll(beta.machines());
    assertThat(all.stream().map(ProviderId::value).map(ProviderId::parse).distinct()).hasSize(5);
    assertThat(alpha.machines().get(0).value()).isEqualTo("sim:///subscriptions/sim/resourceGroups/team-a_c1/"
        + "providers/Sim.Compute/virtualMachineScaleSets/alpha/virtualMachines/0");
    assertThat(cloud.nodePools().list(cluster)).containsExactly("alpha", "beta");
  }

  @Test
  void nodelessCloudReportsMachinesReadyOnceTheirNodeWouldHaveRegistered() throws CloudException {
    assertThat(cloud.hasNodes()).as("no workload server: node-less").isFalse();
    assertThat(new SimProvider(cloud).registersNodes()).isFalse();
    readyControlPlane(cluster);

    cloud.nodePools().ensure(cluster, pool("alpha", 3));
    assertThat(cloud.nodePools().observe(cluster, "alpha").readyMachines()).isZero();
    advance(1);
    NodePoolState vmsUp = cloud.nodePools().observe(cluster, "alpha");
    assertThat(vmsUp.machines()).hasSize(3);
    assertThat(vmsUp.readyMachines()).as("VMs exist, no node due before 2 s").isZero();
    advance(4);
    NodePoolState ready = cloud.nodePools().observe(cluster, "alpha");
    assertThat(ready.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(ready.readyMachines()).isEqualTo(3);

    cloud.nodePools().ensure(cluster, pool("alpha", 1));
    advance(10);
    assertThat(cloud.nodePools().observe(cluster, "alpha").readyMachines()).as("scaled in").isEqualTo(1);
  }

  @Test
  void registeredNodesCarryTheCloudsLabelsAndThePoolsLabelsAndTaints() throws CloudException {
    readyControlPlane(cluster);
    Taint gpu = new Taint("example.com/gpu", "true", Taint.Effect.NoSchedule);
    readyPool(cluster, pool("gpu", 1, Map.of("team", "a"), List.of(gpu)));

    assertThat(nodes.registered).hasSize(1);
    SimNode node = nodes.registered.get(0);
    assertThat(node.name()).matches("sim-[0-9a-f]{6}-gpu-vmss000000");
    assertThat(node.providerId()).endsWith("/virtualMachineScaleSets/gpu/virtualMachines/0");
    assertThat(node.labels()).containsEntry("team", "a")
        .containsEntry("kubernetes.io/os", "linux")
        .containsEntry("kubernetes.io/arch", "amd64")
        .containsEntry("node.kubernetes.io/instance-type", "sim-standard-2")
        .containsEntry("sim.slipway.dev/pool", "gpu")
        .containsEntry("sim.slipway.dev/cluster", "team-a.c1")
        .containsEntry("sim.slipway.dev/os-image", "Ubuntu")
        .containsEntry("sim.slipway.dev/kubernetes-version", "1.33");
    assertThat(node.poolLabelKeys()).containsExactly("team");
    assertThat(node.taints()).containsExactly(gpu);
    assertThat(SimIdentities.nodeName("team-b", "c1", "gpu", 0)).as("unique across clusters")
        .isNotEqualTo(node.name());
  }

  @Test
  void labelChangesReachExistingNodesWhenTheUpdateCompletes() throws CloudException {
    readyControlPlane(cluster);
    readyPool(cluster, pool("alpha", 2));

    NodePoolSpec relabelled = pool("alpha", 2, Map.of("team", "b"), List.of());
    assertThat(cloud.nodePools().ensure(cluster, relabelled).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    NodePoolState updating = cloud.nodePools().observe(cluster, "alpha");
    assertThat(updating.phase()).isEqualTo(ProvisioningPhase.UPDATING);
    assertThat(updating.nodeLabels()).containsEntry("team", "b");
    assertThat(nodes.updated).isEmpty();

    advance(3);
    assertThat(cloud.nodePools().observe(cluster, "alpha").phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(nodes.updated).hasSize(2).allSatisfy(n -> assertThat(n.labels()).containsEntry("team", "b"));
    assertThat(cloud.nodePools().ensure(cluster, relabelled)).isEqualTo(OperationStatus.done());
  }

  @Test
  void scalesInPlaceUpWithNewOrdinalsAndDownRemovingTheHighestFirst() throws CloudException {
    readyControlPlane(cluster);
    readyPool(cluster, pool("alpha", 3));

    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 5)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    NodePoolState scaling = cloud.nodePools().observe(cluster, "alpha");
    assertThat(scaling.phase()).isEqualTo(ProvisioningPhase.UPDATING);
    assertThat(scaling.provisioningState()).isEqualTo("Scaling");
    assertThat(scaling.replicas()).isEqualTo(5);
    advance(6);
    NodePoolState five = cloud.nodePools().observe(cluster, "alpha");
    assertThat(five.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(ordinals(five)).containsExactly("0", "1", "2", "3", "4");

    nodes.deleted.clear();
    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 2)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    advance(1);
    assertThat(ordinals(cloud.nodePools().observe(cluster, "alpha"))).containsExactly("0", "1", "2", "3");
    advance(2);
    NodePoolState two = cloud.nodePools().observe(cluster, "alpha");
    assertThat(two.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(ordinals(two)).containsExactly("0", "1");
    assertThat(nodes.deleted).containsExactly(
        SimIdentities.nodeName("team-a", "c1", "alpha", 4),
        SimIdentities.nodeName("team-a", "c1", "alpha", 3),
        SimIdentities.nodeName("team-a", "c1", "alpha", 2));

    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 3)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    advance(6);
    assertThat(ordinals(cloud.nodePools().observe(cluster, "alpha")))
        .as("scale-up takes the next ordinal, never reusing one").containsExactly("0", "1", "5");
  }

  @Test
  void autoscaledPoolKeepsItsCountInsideTheBounds() throws CloudException {
    readyControlPlane(cluster);
    NodePoolSpec autoscaled = new NodePoolSpec("auto", "1.33", SimFixtures.TEMPLATE, null, new Autoscaling(2, 5),
        Map.of(), List.of(), NodepoolMode.User, Map.of());
    NodePoolState created = readyPool(cluster, autoscaled);
    assertThat(created.replicas()).isEqualTo(2);
    assertThat(created.autoscaling()).isEqualTo(new Autoscaling(2, 5));

    NodePoolSpec raised = new NodePoolSpec("auto", "1.33", SimFixtures.TEMPLATE, null, new Autoscaling(3, 5),
        Map.of(), List.of(), NodepoolMode.User, Map.of());
    cloud.nodePools().ensure(cluster, raised);
    advance(6);
    assertThat(cloud.nodePools().observe(cluster, "auto").machines()).hasSize(3);
  }

  @Test
  void poolOperationsAreSerialisedPerCluster() throws CloudException {
    ClusterTarget other = cluster("team-b", "c2");
    readyControlPlane(cluster);
    readyControlPlane(other);
    cloud.nodePools().ensure(cluster, pool("alpha", 2));

    OperationStatus second = cloud.nodePools().ensure(cluster, pool("beta", 1));
    assertThat(second.kind()).isEqualTo(OperationStatus.Kind.RETRY_LATER);
    assertThat(second.reason()).isEqualTo("ClusterBusy");
    assertThat(second.message()).isEqualTo("alpha is Creating");
    assertThat(second.retryAfter()).isPositive();
    assertThat(cloud.nodePools().delete(cluster, "alpha").kind()).isEqualTo(OperationStatus.Kind.RETRY_LATER);
    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 3)).kind())
        .as("a different change to the pool being created").isEqualTo(OperationStatus.Kind.RETRY_LATER);
    assertThat(cloud.nodePools().observe(cluster, "beta").phase()).isEqualTo(ProvisioningPhase.ABSENT);

    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 2)).kind())
        .as("the same operation asked for again").isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(cloud.nodePools().ensure(other, pool("beta", 1)).kind())
        .as("another cluster is not held up").isEqualTo(OperationStatus.Kind.IN_PROGRESS);

    advance(5);
    assertThat(cloud.nodePools().ensure(cluster, pool("beta", 1)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
  }

  @Test
  void controlPlaneOperationsHoldUpPoolOperations() throws CloudException {
    cloud.controlPlanes().ensure(cluster);
    OperationStatus status = cloud.nodePools().ensure(cluster, pool("alpha", 1));
    assertThat(status.kind()).isEqualTo(OperationStatus.Kind.RETRY_LATER);
    assertThat(status.message()).isEqualTo("control plane is Creating");

    CloudException noCluster = catchThrowableOfType(CloudException.class,
        () -> cloud.nodePools().ensure(cluster("team-a", "missing"), pool("alpha", 1)));
    assertThat(noCluster.code()).isEqualTo("ResourceNotFound");
  }

  @Test
  void deleteGoesThroughDeletingToAbsentAndEveryCallIsIdempotent() throws CloudException {
    readyControlPlane(cluster);
    readyPool(cluster, pool("alpha", 2));
    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 2))).isEqualTo(OperationStatus.done());
    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 2))).isEqualTo(OperationStatus.done());

    assertThat(cloud.nodePools().delete(cluster, "alpha").kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(cloud.nodePools().delete(cluster, "alpha").kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    NodePoolState deleting = cloud.nodePools().observe(cluster, "alpha");
    assertThat(deleting.phase()).isEqualTo(ProvisioningPhase.DELETING);
    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 2)).kind())
        .as("a pool being deleted is not recreated in the middle").isEqualTo(OperationStatus.Kind.RETRY_LATER);

    advance(4);
    assertThat(cloud.nodePools().observe(cluster, "alpha").phase()).isEqualTo(ProvisioningPhase.ABSENT);
    assertThat(nodes.deleted).hasSize(2);
    assertThat(cloud.nodePools().delete(cluster, "alpha")).isEqualTo(OperationStatus.done());
    assertThat(cloud.nodePools().list(cluster)).isEmpty();

    readyPool(cluster, pool("beta", 1));
    assertThat(cloud.controlPlanes().delete(cluster).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(cloud.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.DELETING);
    assertThat(cloud.nodePools().observe(cluster, "beta").phase())
        .as("pools go with their cluster").isEqualTo(ProvisioningPhase.DELETING);
    assertThat(cloud.controlPlanes().delete(cluster).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    advance(5);
    assertThat(cloud.controlPlanes().observe(cluster)).isEqualTo(ControlPlaneState.absent());
    assertThat(cloud.controlPlanes().delete(cluster)).isEqualTo(OperationStatus.done());
    assertThat(store.read("team-a", "c1").state()).as("nothing left in the store").isNull();
  }

  @Test
  void stateSurvivesIntoAnotherCloudInstanceOverTheSameStore() throws CloudException {
    readyControlPlane(cluster);
    cloud.nodePools().ensure(cluster, pool("alpha", 3));
    advance(1);
    List<ProviderId> before = cloud.nodePools().observe(cluster, "alpha").machines();

    SimCloud restarted = cloud(SimFaults.none());
    NodePoolState after = restarted.nodePools().observe(cluster, "alpha");
    assertThat(after.phase()).isEqualTo(ProvisioningPhase.CREATING);
    assertThat(after.machines()).isEqualTo(before);
    advance(4);
    assertThat(restarted.nodePools().observe(cluster, "alpha").phase()).isEqualTo(ProvisioningPhase.READY);
  }

  @Test
  void sameSeedDrawsTheSameSchedule() throws CloudException {
    readyControlPlane(cluster);
    cloud.nodePools().ensure(cluster, pool("alpha", 5));
    SimClusterState first = store.read("team-a", "c1").state();

    InMemorySimStateStore otherStore = new InMemorySimStateStore();
    ManualClock otherClock = new ManualClock(T0);
    Map<LatencyProfile, LatencyModel> latency = new EnumMap<>(LatencyProfile.class);
    latency.put(LatencyProfile.Fast, TEST_LATENCY);
    SimCloud twin = new SimCloud(otherClock, otherStore, null, latency, SimFaults.none(), SimRandomness.seeded(42));
    twin.controlPlanes().ensure(cluster);
    otherClock.advance(Duration.ofSeconds(10));
    twin.nodePools().ensure(cluster, pool("alpha", 5));

    assertThat(otherStore.read("team-a", "c1").state().pools().get("alpha").machines())
        .isEqualTo(first.pools().get("alpha").machines());
    assertThat(first.pools().get("alpha").machines().stream().map(MachineRecord::nodeAt).distinct().count())
        .as("node registration times vary").isGreaterThan(1);
  }

  @Test
  void instantProfileCompletesEveryOperationInTheCallThatStartsIt() throws CloudException {
    ClusterTarget instant = cluster("team-a", "fast", "1.33", LatencyProfile.Instant);
    assertThat(cloud.controlPlanes().ensure(instant)).isEqualTo(OperationStatus.done());
    assertThat(cloud.controlPlanes().observe(instant).phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(cloud.nodePools().ensure(instant, pool("alpha", 3))).isEqualTo(OperationStatus.done());
    NodePoolState state = cloud.nodePools().observe(instant, "alpha");
    assertThat(state.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(state.machines()).hasSize(3);
    assertThat(nodes.registered).hasSize(3);
    assertThat(cloud.nodePools().delete(instant, "alpha")).isEqualTo(OperationStatus.done());
    assertThat(cloud.nodePools().observe(instant, "alpha").phase()).isEqualTo(ProvisioningPhase.ABSENT);
  }

  @Test
  void throttlingIsRetryableWithRetryAfter() {
    SimCloud throttled = cloud(new SimFaults(1, Duration.ofSeconds(7), 0, 0, 0, null));
    CloudException e = catchThrowableOfType(CloudException.class, () -> throttled.controlPlanes().ensure(cluster));
    assertThat(e.code()).isEqualTo("Throttling");
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(e.requestId()).isNotBlank();
    assertThat(store.read("team-a", "c1").state()).as("nothing applied").isNull();
  }

  @Test
  void everyCallOfSlipwayIsRecordedWithItsOutcomeButNotTheConsoles() throws CloudException {
    List<String> calls = new ArrayList<>();
    SimCloud throttled = cloud(new SimFaults(1, Duration.ofSeconds(7), 0, 0, 0, null))
        .recordingCalls((operation, outcome, took) -> calls.add(operation + " " + outcome));
    catchThrowableOfType(CloudException.class, () -> throttled.controlPlanes().ensure(cluster));
    cloud.recordingCalls((operation, outcome, took) -> calls.add(operation + " " + outcome));
    cloud.nodePools().list(cluster);

    assertThat(calls).containsExactly("ensure control plane throttled", "list pools success");
  }

  @Test
  void serverErrorsAreRetryable() {
    SimCloud failing = cloud(new SimFaults(0, null, 1, 0, 0, null));
    CloudException e = catchThrowableOfType(CloudException.class, () -> failing.nodePools().list(cluster));
    assertThat(e.code()).isEqualTo("InternalServerError");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void timeoutsAreRetryableAndSometimesApplied() throws CloudException {
    SimCloud timingOut = cloud(new SimFaults(0, null, 0, 1, 0, null));
    int applied = 0;
    for (int i = 0; i < 20; i++) {
      ClusterTarget target = cluster("team-a", "t" + i);
      CloudException e = catchThrowableOfType(CloudException.class, () -> timingOut.controlPlanes().ensure(target));
      assertThat(e.code()).isEqualTo("RequestTimeout");
      assertThat(e.retryable()).isTrue();
      if (cloud.controlPlanes().observe(target).phase() != ProvisioningPhase.ABSENT) {
        applied++;
      }
    }
    assertThat(applied).as("timed-out calls that were applied anyway").isBetween(1, 19);
  }

  @Test
  void failedOperationsEndFailedWithTheCloudsErrorCodeAndAreRetriedByTheNextEnsure() throws CloudException {
    SimCloud failing = cloud(new SimFaults(0, null, 0, 0, 1, null));
    assertThat(failing.controlPlanes().ensure(cluster).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    assertThat(failing.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.CREATING);
    advance(10);
    ControlPlaneState failed = failing.controlPlanes().observe(cluster);
    assertThat(failed.phase()).isEqualTo(ProvisioningPhase.FAILED);
    assertThat(failed.message()).startsWith("AllocationFailed: ");

    assertThat(cloud.controlPlanes().ensure(cluster).kind()).isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    advance(10);
    assertThat(cloud.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.READY);

    assertThat(failing.nodePools().ensure(cluster, pool("alpha", 2)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    advance(5);
    NodePoolState failedPool = cloud.nodePools().observe(cluster, "alpha");
    assertThat(failedPool.phase()).isEqualTo(ProvisioningPhase.FAILED);
    assertThat(failedPool.message()).startsWith("AllocationFailed: ");
    assertThat(failedPool.machines()).isEmpty();
    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 2)).kind())
        .isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    advance(5);
    NodePoolState recovered = cloud.nodePools().observe(cluster, "alpha");
    assertThat(recovered.phase()).isEqualTo(ProvisioningPhase.READY);
    assertThat(recovered.machines()).hasSize(2);
  }

  @Test
  void outOfBandChangesShowInObserve() throws CloudException {
    readyControlPlane(cluster);
    readyPool(cluster, pool("alpha", 2));

    cloud.outOfBand().scale(cluster, "alpha", 4);
    advance(6);
    NodePoolState scaled = cloud.nodePools().observe(cluster, "alpha");
    assertThat(scaled.replicas()).isEqualTo(4);
    assertThat(scaled.machines()).hasSize(4);

    cloud.outOfBand().setNodeLabels(cluster, "alpha", Map.of("owner", "someone"));
    advance(3);
    assertThat(cloud.nodePools().observe(cluster, "alpha").nodeLabels()).isEqualTo(Map.of("owner", "someone"));

    cloud.outOfBand().setMachineType(cluster, "alpha", "sim-large-8");
    assertThat(cloud.nodePools().observe(cluster, "alpha").template().machineType()).isEqualTo("sim-large-8");

    assertThat(cloud.nodePools().ensure(cluster, pool("alpha", 2)).kind())
        .as("reverting the mutable fields in place").isEqualTo(OperationStatus.Kind.IN_PROGRESS);
    advance(6);
    NodePoolState reverted = cloud.nodePools().observe(cluster, "alpha");
    assertThat(reverted.replicas()).isEqualTo(2);
    assertThat(reverted.nodeLabels()).isEqualTo(Map.of("team", "a"));
    assertThat(reverted.template().machineType()).as("never changed back in place").isEqualTo("sim-large-8");

    cloud.outOfBand().deletePool(cluster, "alpha");
    advance(4);
    assertThat(cloud.nodePools().observe(cluster, "alpha").phase()).isEqualTo(ProvisioningPhase.ABSENT);
  }

  @Test
  void registryGrantsAndAutoscalerProfileAreRecorded() throws CloudException {
    assertThat(catchThrowableOfType(CloudException.class,
        () -> cloud.registryAccess().grant(cluster, "registry-1")).code()).isEqualTo("ResourceNotFound");
    readyControlPlane(cluster);

    assertThat(cloud.registryAccess().isGranted(cluster, "registry-1")).isFalse();
    assertThat(cloud.registryAccess().grant(cluster, "registry-1")).isEqualTo(OperationStatus.done());
    assertThat(cloud.registryAccess().grant(cluster, "registry-1")).isEqualTo(OperationStatus.done());
    assertThat(cloud.registryAccess().isGranted(cluster, "registry-1")).isTrue();
    assertThat(cloud.registryAccess().revoke(cluster, "registry-1")).isEqualTo(OperationStatus.done());
    assertThat(cloud.registryAccess().revoke(cluster, "registry-1")).isEqualTo(OperationStatus.done());
    assertThat(cloud.registryAccess().isGranted(cluster, "registry-1")).isFalse();
    assertThat(catchThrowableOfType(CloudException.class,
        () -> cloud.registryAccess().grant(cluster, " ")).retryable()).isFalse();

    AutoscalerProfile profile = new AutoscalerProfile(true, null, null, AutoscalerProfile.Expander.LEAST_WASTE,
        null, 10, null, "15m", null, null, null, "10s", null, null, null, null, null, "0.5", null, null);
    assertThat(cloud.autoscalerProfiles().supported()).isTrue();
    assertThat(cloud.autoscalerProfiles().observe(cluster)).isNull();
    assertThat(cloud.autoscalerProfiles().ensure(cluster, profile)).isEqualTo(OperationStatus.done());
    assertThat(cloud.autoscalerProfiles().observe(cluster)).isEqualTo(profile);
    assertThat(cloud.autoscalerProfiles().ensure(cluster, null)).isEqualTo(OperationStatus.done());
    assertThat(cloud.autoscalerProfiles().observe(cluster)).isNull();
  }

  @Test
  void conflictingWritersAreRetriedThenReportedAsRetryableConflict() {
    SimStateStore alwaysConflicting = new SimStateStore() {
      @Override
      public Versioned read(String namespace, String name) {
        return new Versioned(null, null);
      }

      @Override
      public boolean write(String namespace, String name, SimClusterState state, String expectedVersion) {
        return false;
      }
    };
    SimCloud contended = new SimCloud(clock, alwaysConflicting, null, Map.of(), SimFaults.none(),
        SimRandomness.seeded(1));
    CloudException e = catchThrowableOfType(CloudException.class, () -> contended.controlPlanes().ensure(cluster));
    assertThat(e.code()).isEqualTo("Conflict");
    assertThat(e.retryable()).isTrue();
  }

  /** Records the Node changes the cloud makes. */
  static final class RecordingNodes implements WorkloadNodes {
    final List<SimNode> registered = new ArrayList<>();
    final List<SimNode> updated = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();

    @Override
    public void register(SimNode node) {
      registered.add(node);
    }

    @Override
    public void update(SimNode node) {
      updated.add(node);
    }

    @Override
    public void delete(String nodeName) {
      deleted.add(nodeName);
    }
  }
}
