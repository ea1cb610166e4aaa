package dev.slipway.controllers.nodepool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.RolloutPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rollout planner as golden step sequences over {@link RolloutWorld}, including crashes at every point. */
class RolloutPlannerTest {

  private static final String OLD = "v1-aaaaaaaaaa";
  private static final String NEW = "v1-bbbbbbbbbb";
  private static final String NEWER = "v1-cccccccccc";

  @Test
  void aNewNodepoolCreatesItsFirstPoolAndWaitsForIt() {
    RolloutWorld world = new RolloutWorld("apps");
    world.desiredHash = NEW;
    assertThat(world.runToCompletion(10)).containsExactly(
        "CreatingTarget [create apps-bbbbbbbbbb]",
        "WaitingForNodes []",
        "Complete []");
    assertThat(world.recordedActive).isEqualTo("apps-bbbbbbbbbb");
  }

  @Test
  void aTemplateChangeCreatesWaitsCordonsDrainsOneNodeAtATimeDeletesThenRecords() {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    world.desiredHash = NEW;
    assertThat(world.runToCompletion(30)).containsExactly(
        "CreatingTarget [create apps-bbbbbbbbbb]",
        "WaitingForNodes []",
        "Cordoning [cordon apps-aaaaaaaaaa-node0, cordon apps-aaaaaaaaaa-node1, cordon apps-aaaaaaaaaa-node2]",
        "Draining [drain apps-aaaaaaaaaa-node0]",
        "Draining [drain apps-aaaaaaaaaa-node0]",
        "Draining [drain apps-aaaaaaaaaa-node1]",
        "Draining [drain apps-aaaaaaaaaa-node1]",
        "Draining [drain apps-aaaaaaaaaa-node2]",
        "Draining [drain apps-aaaaaaaaaa-node2]",
        "DeletingOld [delete apps-aaaaaaaaaa]",
        "DeletingOld []",
        "Complete []");
    assertThat(world.recordedActive).isEqualTo("apps-bbbbbbbbbb");
    assertThat(world.pools).containsOnlyKeys("apps-bbbbbbbbbb");
  }

  @Test
  void maxConcurrentDrainsDrainsThatManyNodesAtOnce() {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    world.maxConcurrentDrains = 2;
    world.drainPassesNeeded = 1;
    world.desiredHash = NEW;
    assertThat(world.runToCompletion(30)).containsSubsequence(
        "Draining [drain apps-aaaaaaaaaa-node0, drain apps-aaaaaaaaaa-node1]",
        "Draining [drain apps-aaaaaaaaaa-node2]",
        "DeletingOld [delete apps-aaaaaaaaaa]");
  }

  @Test
  void aChangeBeforeTheTargetIsReadySupersedesItAndTheActivePoolKeepsServing() {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    world.desiredHash = NEW;
    world.pass(-1); // creates apps-bbbbbbbbbb
    world.desiredHash = NEWER;
    List<String> log = world.runToCompletion(30);
    assertThat(log.subList(1, log.size())).containsSubsequence(
        "CreatingTarget [create apps-cccccccccc]",
        "WaitingForNodes []",
        "Cordoning [cordon apps-aaaaaaaaaa-node0, cordon apps-aaaaaaaaaa-node1, cordon apps-aaaaaaaaaa-node2, "
            + "cordon apps-bbbbbbbbbb-node0, cordon apps-bbbbbbbbbb-node1, cordon apps-bbbbbbbbbb-node2]");
    // The active pool was not touched before the newest target was Ready.
    int waiting = log.indexOf("WaitingForNodes []");
    assertThat(log.subList(0, waiting)).noneMatch(line -> line.contains("cordon apps-aaaaaaaaaa"));
    assertThat(world.recordedActive).isEqualTo("apps-cccccccccc");
    assertThat(world.pools).containsOnlyKeys("apps-cccccccccc");
  }

  @Test
  void aRevertBeforeDrainingDeletesTheTargetWithoutTouchingTheActivePool() {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    world.desiredHash = NEW;
    world.pass(-1);
    world.pass(-1);
    world.desiredHash = OLD;
    List<String> log = world.runToCompletion(30);
    assertThat(log.subList(2, log.size())).containsExactly(
        "Cancelling [cordon apps-bbbbbbbbbb-node0, cordon apps-bbbbbbbbbb-node1, cordon apps-bbbbbbbbbb-node2]",
        "Cancelling [drain apps-bbbbbbbbbb-node0]",
        "Cancelling [drain apps-bbbbbbbbbb-node0]",
        "Cancelling [drain apps-bbbbbbbbbb-node1]",
        "Cancelling [drain apps-bbbbbbbbbb-node1]",
        "Cancelling [drain apps-bbbbbbbbbb-node2]",
        "Cancelling [drain apps-bbbbbbbbbb-node2]",
        "Cancelling [delete apps-bbbbbbbbbb]",
        "Cancelling []",
        "Complete []");
    assertThat(world.recordedActive).isEqualTo("apps-aaaaaaaaaa");
    assertThat(world.node("apps-aaaaaaaaaa-node0").cordoned).isFalse();
  }

  @Test
  void aRevertMidDrainUncordonsTheActivePoolAndDrainsTheTargetBack() {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    world.desiredHash = NEW;
    for (int i = 0; i < 5; i++) {
      world.pass(-1); // create, wait, cordon, drain node0 twice: node0 drained
    }
    assertThat(world.node("apps-aaaaaaaaaa-node0").drained).isTrue();
    world.desiredHash = OLD;
    List<String> log = world.runToCompletion(30);
    assertThat(log.get(5)).isEqualTo("Cancelling [uncordon apps-aaaaaaaaaa-node0, uncordon apps-aaaaaaaaaa-node1, "
        + "uncordon apps-aaaaaaaaaa-node2, cordon apps-bbbbbbbbbb-node0, cordon apps-bbbbbbbbbb-node1, "
        + "cordon apps-bbbbbbbbbb-node2]");
    assertThat(log.get(log.size() - 3)).isEqualTo("Cancelling [delete apps-bbbbbbbbbb]");
    assertThat(world.recordedActive).isEqualTo("apps-aaaaaaaaaa");
    assertThat(world.pools).containsOnlyKeys("apps-aaaaaaaaaa");
    assertThat(world.pools.get("apps-aaaaaaaaaa").nodes).noneMatch(n -> n.cordoned);
  }

  @Test
  void aRevertWhileTheOldPoolIsBeingDeletedWaitsForItAndCreatesItAgain() {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    world.desiredHash = NEW;
    while (!world.pools.get("apps-aaaaaaaaaa").deleting) {
      world.pass(-1);
    }
    world.desiredHash = OLD;
    List<String> log = world.runToCompletion(40);
    int revert = log.indexOf("DeletingOld [delete apps-aaaaaaaaaa]") + 1;
    assertThat(log.subList(revert, revert + 3)).containsExactly(
        "CreatingTarget []",
        "CreatingTarget [create apps-aaaaaaaaaa]",
        "WaitingForNodes []");
    assertThat(world.created).containsExactly("apps-bbbbbbbbbb", "apps-aaaaaaaaaa");
    assertThat(world.pools).containsOnlyKeys("apps-aaaaaaaaaa");
  }

  @Test
  void aPodDisruptionBudgetThatNeverAllowsEvictionStallsTheRolloutWithoutDeletingAnything() {
    RolloutWorld world = new RolloutWorld("apps");
    world.evictable = false;
    world.serving(OLD);
    world.desiredHash = NEW;
    for (int i = 0; i < 40; i++) {
      world.pass(-1);
    }
    assertThat(world.log.get(world.log.size() - 1)).isEqualTo("Draining [drain apps-aaaaaaaaaa-node0]");
    assertThat(world.pools).containsOnlyKeys("apps-aaaaaaaaaa", "apps-bbbbbbbbbb");
    assertThat(world.pools.get("apps-aaaaaaaaaa").deleting).isFalse();
  }

  @Test
  void theForceDeletePolicyForcesTheDrainOnlyAfterTheTimeout() {
    RolloutWorld world = new RolloutWorld("apps");
    world.evictable = false;
    world.serving(OLD);
    world.onTimeout = RolloutPolicy.DrainTimeoutAction.ForceDelete;
    world.drainTimeout = Duration.ofMinutes(1);
    world.desiredHash = NEW;
    List<String> log = world.runToCompletion(60);
    int firstForce = IntStream.range(0, log.size()).filter(i -> log.get(i).contains("force-drain")).findFirst()
        .orElseThrow();
    // Passes are 10 s apart: 6 unforced passes fill the 1-minute timeout, then the drain is forced.
    assertThat(log.subList(0, firstForce)).filteredOn(l -> l.equals("Draining [drain apps-aaaaaaaaaa-node0]"))
        .hasSize(7);
    assertThat(world.pools).containsOnlyKeys("apps-bbbbbbbbbb");
  }

  @Test
  void aPoolThatDriftedIsReplacedByAPoolOfTheSameTemplateUnderTheNextName() {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    world.replacement = 1;
    assertThat(world.runToCompletion(30)).startsWith(
        "CreatingTarget [create apps-aaaaaaaaaa-r1]",
        "WaitingForNodes []",
        "Cordoning [cordon apps-aaaaaaaaaa-node0, cordon apps-aaaaaaaaaa-node1, cordon apps-aaaaaaaaaa-node2]")
        .endsWith("DeletingOld [delete apps-aaaaaaaaaa]", "DeletingOld []", "Complete []");
    assertThat(world.recordedActive).isEqualTo("apps-aaaaaaaaaa-r1");
  }

  @Test
  void inPlaceChangesSyncTheActivePoolWithoutARollout() {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    RolloutInput in = world.input();
    List<PoolView> stale = in.pools().stream().map(p -> new PoolView(p.name(), p.templateHash(), p.deleting(),
        p.ready(), false, p.nodes())).toList();
    RolloutPlan plan = RolloutPlanner.plan(new RolloutInput(in.nodepool(), in.desiredHash(), 0, in.recordedActive(),
        stale, 1, Duration.ofMinutes(15), RolloutPolicy.DrainTimeoutAction.Wait, in.now()));
    assertThat(plan.step()).isEqualTo(RolloutPlan.COMPLETE);
    assertThat(plan.target()).isNull();
    assertThat(plan.intents()).containsExactly(new Intent.SyncPool("apps-aaaaaaaaaa"));
  }

  @Test
  void theTargetOnlyEverGetsCreatedOnceAndTheActivePoolIsNeverDeletedBeforeTheTargetIsReady() {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    world.desiredHash = NEW;
    for (int i = 0; i < 30; i++) {
      RolloutInput before = world.input();
      RolloutPlan plan = world.pass(-1);
      boolean targetReady = before.pools().stream()
          .anyMatch(p -> p.name().equals("apps-bbbbbbbbbb") && p.ready());
      if (plan.intents().contains(new Intent.DeletePool("apps-aaaaaaaaaa"))
          || plan.intents().stream().anyMatch(x -> x instanceof Intent.Cordon)) {
        assertThat(targetReady).as("pass %d acted on the old pool before the target was Ready", i).isTrue();
      }
    }
    assertThat(world.created).containsExactly("apps-bbbbbbbbbb");
  }

  /** Every (pass, intents performed before the crash) point of a full rollout. */
  static List<int[]> crashPoints() {
    RolloutWorld reference = new RolloutWorld("apps").serving(OLD);
    reference.desiredHash = NEW;
    List<int[]> points = new ArrayList<>();
    for (int pass = 0; pass < 12; pass++) {
      RolloutPlan plan = reference.pass(-1);
      for (int k = 0; k <= plan.intents().size(); k++) {
        points.add(new int[] {pass, k});
      }
    }
    return points;
  }

  @ParameterizedTest(name = "crash in pass {0}")
  @MethodSource("crashPoints")
  void aCrashAtAnyPointResumesToTheSameEndWithoutDuplicates(int[] point) {
    RolloutWorld world = new RolloutWorld("apps").serving(OLD);
    world.desiredHash = NEW;
    for (int pass = 0; pass < point[0]; pass++) {
      world.pass(-1);
    }
    world.pass(point[1]);
    world.runToCompletion(40);
    assertThat(world.recordedActive).isEqualTo("apps-bbbbbbbbbb");
    assertThat(world.pools).containsOnlyKeys("apps-bbbbbbbbbb");
    assertThat(world.created).containsExactly("apps-bbbbbbbbbb");
    assertThat(world.pools.get("apps-bbbbbbbbbb").nodes).noneMatch(n -> n.cordoned);
  }
}
