package dev.slipway.controllers.nodepool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.ObjectRef;
import dev.slipway.api.v1alpha1.NodepoolStatus;
import dev.slipway.api.v1alpha1.RolloutStatus;
import dev.slipway.api.v1alpha1.SlipwayResource;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a finished rollout is counted in slipway_rollouts_finished_total{outcome}. */
class RolloutOutcomeTest {

  private static final OffsetDateTime STARTED = OffsetDateTime.parse("2026-11-22T14:00:00Z");

  private static RolloutStatus running(String step, String targetHash) {
    return new RolloutStatus(step, targetHash, STARTED, null, 2, 2, 2);
  }

  private static NodepoolStatus finished(String activePool, String hash) {
    return new NodepoolStatus(3L, "Ready", List.of(), new ObjectRef(SlipwayResource.API_VERSION, MachinePool.KIND, activePool, "uid-" + activePool), null, hash, "1.33", 2, 2,
        new RolloutStatus(RolloutPlan.COMPLETE, hash, STARTED, STARTED.plusMinutes(3), 2, 2, 2));
  }

  @Test
  void aRolloutThatEndsServingItsTargetSucceededEvenWhenTheActivePoolSwitchedAPassEarlier() {
    // The old pool was deleted while the target's readiness was re-checked (a throttled cloud call): the active
    // pool was already the target in the pass before the rollout finished.
    assertThat(NodepoolReconciler.cancelled(running(RolloutPlan.WAITING_FOR_NODES, "v1-new"),
        finished("apps-new", "v1-new"))).isFalse();
    assertThat(NodepoolReconciler.cancelled(running(RolloutPlan.DELETING_OLD, "v1-new"),
        finished("apps-new", "v1-new"))).isFalse();
  }

  @Test
  void aRevertedOrCancellingRolloutWasCancelled() {
    assertThat(NodepoolReconciler.cancelled(running(RolloutPlan.CANCELLING, "v1-new"),
        finished("apps-old", "v1-old"))).isTrue();
    assertThat(NodepoolReconciler.cancelled(running(RolloutPlan.WAITING_FOR_NODES, "v1-new"),
        finished("apps-old", "v1-old"))).as("reverted and finished in one pass").isTrue();
  }
}
