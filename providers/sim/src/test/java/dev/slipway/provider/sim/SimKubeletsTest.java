package dev.slipway.provider.sim;

import static dev.slipway.provider.sim.SimFixtures.cluster;
import static dev.slipway.provider.sim.SimFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.OperationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nodes registered and removed when due, with no call to the cloud in between. Uses the real clock: short delays. */
class SimKubeletsTest {

  private static final LatencyModel.Range ZERO = LatencyModel.Range.fixed(Duration.ZERO);
  private static final LatencyModel.Range NODE = LatencyModel.Range.of(Duration.ofMillis(200), Duration.ofMillis(600));
  private static final LatencyModel.Range STAGGER = LatencyModel.Range.fixed(Duration.ofMillis(300));

  private final ConcurrentNodes nodes = new ConcurrentNodes();
  private final InMemorySimStateStore store = new InMemorySimStateStore();
  private final SimCloud cloud = new SimCloud(Clock.systemUTC(), store, null, nodes,
      Map.of(LatencyProfile.Fast, new LatencyModel(ZERO, ZERO, ZERO, ZERO, NODE, STAGGER, ZERO, ZERO)),
      SimFaults.none(), SimRandomness.seeded(7));
  private final ClusterTarget cluster = cluster("team-a", "c1");

  @AfterEach
  void close() {
    cloud.close();
  }

  @Test
  void nodesRegisterAndLeaveWhenDueWithoutAnotherCall() throws CloudException {
    cloud.registeringNodesOnTime();
    assertThat(cloud.controlPlanes().ensure(cluster)).isEqualTo(OperationStatus.done());
    Instant requested = Instant.now();
    cloud.nodePools().ensure(cluster, pool("alpha", 3));

    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.registered.size() == 3);
    assertThat(Duration.between(requested, Instant.now()))
        .as("registered when the cloud drew it (200-600 ms), not at some later call")
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));

    cloud.nodePools().ensure(cluster, pool("alpha", 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes.deleted.size() == 2);
    assertThat(nodes.deleted).as("highest ordinals leave first")
        .containsExactly(SimIdentities.nodeName("team-a", "c1", "alpha", 2),
            SimIdentities.nodeName("team-a", "c1", "alpha", 1));
  }

  @Test
  void withoutOnTimeRegistrationNodesWaitForTheNextCall() throws CloudException {
    assertThat(cloud.controlPlanes().ensure(cluster)).isEqualTo(OperationStatus.done());
    cloud.nodePools().ensure(cluster, pool("alpha", 2));
    Instant due = lastNodeDue();
    await().atMost(Duration.ofSeconds(5)).until(() -> !Instant.now().isBefore(due));
    assertThat(nodes.registered).as("no call yet").isEmpty();

    cloud.nodePools().observe(cluster, "alpha");
    assertThat(nodes.registered).hasSize(2);
  }

  @Test
  void nextChangeIsTheEarliestScheduledEffect() throws CloudException {
    assertThat(cloud.controlPlanes().ensure(cluster)).isEqualTo(OperationStatus.done());
    Instant before = Instant.now();
    cloud.nodePools().ensure(cluster, pool("alpha", 2));
    SimClusterState state = cloudState();
    List<Instant> nodeTimes = state.pools().get("alpha").machines().stream().map(MachineRecord::nodeAt).toList();

    assertThat(CloudProgress.nextChange(state, before)).isEqualTo(nodeTimes.stream().min(Instant::compareTo).get());
    Instant last = nodeTimes.stream().max(Instant::compareTo).get();
    assertThat(CloudProgress.nextChange(state, last)).as("nothing after the last node and the pool's create")
        .isNull();
  }

  private SimClusterState cloudState() throws CloudException {
    return store.read("team-a", "c1").state();
  }

  private Instant lastNodeDue() throws CloudException {
    return cloudState().pools().get("alpha").machines().stream().map(MachineRecord::nodeAt).max(Instant::compareTo)
        .orElseThrow();
  }

  /** Records Node changes from any thread. */
  static final class ConcurrentNodes implements WorkloadNodes {
    final List<SimNode> registered = new CopyOnWriteArrayList<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();

    @Override
    public void register(SimNode node) {
      registered.add(node);
    }

    @Override
    public void update(SimNode node) {
    }

    @Override
    public void delete(String nodeName) {
      deleted.add(nodeName);
    }
  }
}
