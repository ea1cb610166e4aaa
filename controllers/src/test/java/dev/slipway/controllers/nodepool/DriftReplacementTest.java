package dev.slipway.controllers.nodepool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.MachinePoolStatus;
import dev.slipway.api.v1alpha1.NodepoolStatus;
import dev.slipway.api.v1alpha1.ObjectRef;
import dev.slipway.controllers.runtime.Labels;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which replacement count the desired pool gets, read from the pools themselves. */
class DriftReplacementTest {

  private static final String HASH = "v1-aaaaaaaaaa";

  private static MachinePool pool(String name, String hash, int replacement, boolean drifted, boolean deleting) {
    MachinePool pool = new MachinePool();
    pool.setMetadata(new V1ObjectMeta().name(name).labels(Map.of(Labels.TEMPLATE_HASH, hash,
        Labels.REPLACEMENT, Integer.toString(replacement)))
        .deletionTimestamp(deleting ? OffsetDateTime.parse("2026-11-22T10:00:00Z") : null));
    pool.setStatus(new MachinePoolStatus(1L, "Ready", List.of(new Condition(ConditionTypes.DRIFTED,
        drifted ? ConditionStatus.TRUE : ConditionStatus.FALSE, 1L, OffsetDateTime.parse("2026-11-22T10:00:00Z"),
        drifted ? "ImmutableFieldChanged" : "NoDrift", "")), null, null, List.of(), 0, 0, List.of()));
    return pool;
  }

  private static NodepoolStatus status(String active, String target) {
    return new NodepoolStatus(1L, "Ready", List.of(), active == null ? null : new ObjectRef(null, null, active, null),
        target == null ? null : new ObjectRef(null, null, target, null), HASH, "1.33", 3, 3, null);
  }

  @Test
  void aPoolThatServesAsAskedKeepsItsCount() {
    assertThat(NodepoolReconciler.replacement(status("apps-a", null),
        List.of(pool("apps-a", HASH, 0, false, false)), HASH)).isZero();
    assertThat(NodepoolReconciler.replacement(status("apps-a-r2", null),
        List.of(pool("apps-a-r2", HASH, 2, false, false)), HASH)).isEqualTo(2);
  }

  @Test
  void aDriftedActivePoolIsReplacedUnderTheNextCount() {
    assertThat(NodepoolReconciler.replacement(status("apps-a-r2", null),
        List.of(pool("apps-a-r2", HASH, 2, true, false)), HASH)).isEqualTo(3);
  }

  @Test
  void theRecordedTargetKeepsItsCountUntilTheRolloutEndsEvenAfterTheDriftedPoolIsGone() {
    assertThat(NodepoolReconciler.replacement(status("apps-a", "apps-a-r1"),
        List.of(pool("apps-a-r1", HASH, 1, false, false)), HASH)).isEqualTo(1);
    assertThat(NodepoolReconciler.replacement(status("apps-a", "apps-a-r1"),
        List.of(pool("apps-a", HASH, 0, true, true), pool("apps-a-r1", HASH, 1, false, false)), HASH))
        .isEqualTo(1);
  }

  @Test
  void aNewTemplateStartsCountingAgain() {
    assertThat(NodepoolReconciler.replacement(status("apps-a-r1", null),
        List.of(pool("apps-a-r1", HASH, 1, true, false)), "v1-bbbbbbbbbb")).isZero();
  }

  @Test
  void aDeletingPoolIsNotReplacedAgain() {
    assertThat(NodepoolReconciler.replacement(status("apps-a", null),
        List.of(pool("apps-a", HASH, 0, true, true)), HASH)).isZero();
  }
}
