package dev.slipway.controllers.gitops;

import static dev.slipway.controllers.gitops.SlipwayObjects.asWritten;
import static dev.slipway.controllers.gitops.SlipwayObjects.condition;
import static dev.slipway.controllers.gitops.SlipwayObjects.object;
import static dev.slipway.controllers.gitops.SlipwayObjects.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.controllers.gitops.ArgoHealth.Health;
import dev.slipway.controllers.gitops.SlipwayObjects.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chart's Argo CD health checks ({@code charts/slipway/health/argocd/slipway.dev_<Kind>.lua}) run through
 * {@link ArgoHealth} against each kind's objects as the API server returns them, with status exactly as the controllers
 * write it ({@link SlipwayObjects}): Progressing, Healthy, Degraded, Suspended, no status yet, and deleting.
 */
class ArgoHealthChecksTest {

  private static final ConditionStatus TRUE = ConditionStatus.TRUE;
  private static final ConditionStatus FALSE = ConditionStatus.FALSE;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void noStatusYetIsProgressingWaitingForTheController(Kind kind) {
    assertThat(health(kind, object(kind, 1, null, false, false)))
        .isEqualTo(new Health("Progressing", "Waiting for the controller"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFirstStatusWithoutReadyIsProgressing(Kind kind) {
    // What Progress writes before the controller has computed Ready: Reconciling only.
    assertThat(health(kind, object(kind, 1, status(kind, null, asWritten(1)), false, false)))
        .isEqualTo(new Health("Progressing", "the controller has not reported Ready yet"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readyFalseIsProgressingWithTheReadyMessage(Kind kind) {
    var conditions = asWritten(1, condition(ConditionTypes.READY, FALSE, 1, ConditionReasons.CREATING,
        "the cloud is creating the pool"));
    assertThat(conditions).extracting(c -> c.type()).contains(ConditionTypes.RECONCILING);

    assertThat(health(kind, object(kind, 1, status(kind, 1L, conditions), false, false)))
        .isEqualTo(new Health("Progressing", "the cloud is creating the pool"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readyFalseWithoutReconcilingIsProgressingToo(Kind kind) {
    // A status written before the controllers added kstatus' conditions.
    var conditions = List.of(condition(ConditionTypes.READY, FALSE, 1, ConditionReasons.WAITING_FOR_NODES,
        "2 of 3 nodes are Ready"));

    assertThat(health(kind, object(kind, 1, status(kind, 1L, conditions), false, false)))
        .isEqualTo(new Health("Progressing", "2 of 3 nodes are Ready"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void reconcilingTrueIsProgressingEvenIfReadyIsTrue(Kind kind) {
    // Slipway removes Reconciling once Ready; kstatus reads Reconciling before Ready, and so does the check.
    var conditions = List.of(condition(ConditionTypes.READY, TRUE, 4, ConditionReasons.READY, "serving"),
        condition(ConditionTypes.RECONCILING, TRUE, 4, "RollingOut", "draining 1 of 3 nodes"));

    assertThat(health(kind, object(kind, 4, status(kind, 4L, conditions), false, false)))
        .isEqualTo(new Health("Progressing", "draining 1 of 3 nodes"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readyTrueForTheCurrentGenerationIsHealthy(Kind kind) {
    var conditions = asWritten(3,
        condition(ConditionTypes.READY, TRUE, 3, ConditionReasons.READY, "control plane and 3 nodes ready"),
        condition(ConditionTypes.RECONCILING, TRUE, 2, ConditionReasons.CREATING, "left from before"));
    assertThat(conditions).extracting(c -> c.type()).doesNotContain(ConditionTypes.RECONCILING);

    assertThat(health(kind, object(kind, 3, status(kind, 3L, conditions), false, false)))
        .isEqualTo(new Health("Healthy", "control plane and 3 nodes ready"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void healthyWithoutAMessageSaysTheReason(Kind kind) {
    var conditions = asWritten(2, condition(ConditionTypes.READY, TRUE, 2, ConditionReasons.READY, null));

    assertThat(health(kind, object(kind, 2, status(kind, 2L, conditions), false, false)))
        .isEqualTo(new Health("Healthy", "Ready"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readyTrueForAnOlderGenerationIsProgressing(Kind kind) {
    var conditions = asWritten(1, condition(ConditionTypes.READY, TRUE, 1, ConditionReasons.READY, "serving"));

    assertThat(health(kind, object(kind, 2, status(kind, 1L, conditions), false, false)))
        .isEqualTo(new Health("Progressing", "Waiting for the controller to observe generation 2"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readyTrueWithoutObservedGenerationIsNotYetHealthy(Kind kind) {
    var conditions = asWritten(1, condition(ConditionTypes.READY, TRUE, 1, ConditionReasons.READY, "serving"));

    assertThat(health(kind, object(kind, 1, status(kind, null, conditions), false, false)))
        .isEqualTo(new Health("Progressing", "Waiting for the controller to record observedGeneration 1"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stalledTrueIsDegradedWithTheStalledMessage(Kind kind) {
    var conditions = asWritten(5, condition(ConditionTypes.READY, FALSE, 5,
        ConditionReasons.PERMANENT_CLOUD_ERROR, "InvalidParameter: template.maxPods is not supported on EKS"));
    assertThat(conditions).extracting(c -> c.type()).contains(ConditionTypes.STALLED);

    assertThat(health(kind, object(kind, 5, status(kind, 5L, conditions), false, false))).isEqualTo(new Health(
        "Degraded", "InvalidParameter: template.maxPods is not supported on EKS"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stalledWithoutObservedGenerationIsStillDegraded(Kind kind) {
    // A controller that never completes a pass never records observedGeneration (kstatus skips the check then).
    var conditions = asWritten(1, condition(ConditionTypes.READY, FALSE, 1,
        ConditionReasons.PROVIDER_NOT_CONFIGURED, "provider azure is not configured in this Slipway"));

    assertThat(health(kind, object(kind, 1, status(kind, null, conditions), false, false)))
        .isEqualTo(new Health("Degraded", "provider azure is not configured in this Slipway"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void pausedConditionTrueIsSuspended(Kind kind) {
    var conditions = asWritten(2,
        condition(ConditionTypes.READY, FALSE, 2, ConditionReasons.PAUSED, "cluster dev-sim is paused"),
        condition(ConditionTypes.PAUSED, TRUE, 2, ConditionReasons.PAUSED,
            "cluster dev-sim is paused: Slipway does not act on it"));

    assertThat(health(kind, object(kind, 2, status(kind, 2L, conditions), false, false)))
        .isEqualTo(new Health("Suspended", "cluster dev-sim is paused: Slipway does not act on it"));
  }

  @Test
  void aClusterWithSpecPausedIsSuspendedBeforeTheControllerSaysSo() {
    assertThat(health(Kind.CLUSTER, object(Kind.CLUSTER, 2, null, true, false))).isEqualTo(new Health("Suspended",
        "spec.paused is true: Slipway does not act on this cluster or its nodepools"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void deletingIsProgressingWithAMessage(Kind kind) {
    var conditions = asWritten(3, condition(ConditionTypes.READY, FALSE, 3, ConditionReasons.DELETING,
        "deleting the cloud resources"));

    assertThat(health(kind, object(kind, 3, status(kind, 3L, conditions), false, true)))
        .isEqualTo(new Health("Progressing", "Being deleted: deleting the cloud resources"));
    assertThat(health(kind, object(kind, 3, null, false, true))).isEqualTo(new Health("Progressing",
        "Being deleted: waiting for the controller to remove its cloud resources"));
  }

  @Test
  void theFourChecksDifferOnlyInTheirFirstLine() throws IOException {
    List<String> bodies = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      List<String> lines = Files.readAllLines(kind.argoScript());
      assertThat(lines.get(0)).contains("slipway.dev/" + kind.name + " ")
          .contains("resource.customizations.health.slipway.dev_" + kind.name + " ");
      bodies.add(String.join("\n", lines.subList(1, lines.size())));
    }
    assertThat(bodies).as("edit all four slipway.dev_*.lua files alike").containsOnly(bodies.get(0));
    try (Stream<Path> files = Files.list(SlipwayObjects.healthChecks())) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly(
          "slipway.dev_Cluster.lua", "slipway.dev_ClusterAdditionalConfig.lua", "slipway.dev_MachinePool.lua",
          "slipway.dev_Nodepool.lua");
    }
  }

  @Test
  void argoHealthRunsScriptsWithoutTheStringLibraryAsArgoCdDoes() {
    String object = object(Kind.CLUSTER, 1, null, false, false);

    assertThatThrownBy(() -> ArgoHealth.evaluate(
        "return {status = string.upper(\"healthy\")}", "uses-string.lua", object))
        .hasMessageContaining("string");
    assertThat(ArgoHealth.evaluate("return {status = obj.kind .. \"?\"}", "bad-status.lua", object))
        .isEqualTo(new Health("Unknown", "Lua returned an invalid health status"));
    assertThat(ArgoHealth.evaluate("return {status = \"Healthy\", message = obj.metadata.name .. \" \" .. "
        + "tostring(obj.metadata.generation) .. \" \" .. tostring(#obj.metadata.finalizers)}", "ok.lua", object))
        .isEqualTo(new Health("Healthy", "subject 1 1"));
  }

  private static Health health(Kind kind, String objectJson) {
    return ArgoHealth.evaluate(kind.argoScript(), objectJson);
  }
}
