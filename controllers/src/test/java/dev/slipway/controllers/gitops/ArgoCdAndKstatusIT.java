package dev.slipway.controllers.gitops;

import static dev.slipway.controllers.gitops.SlipwayObjects.asWritten;
import static dev.slipway.controllers.gitops.SlipwayObjects.condition;
import static dev.slipway.controllers.gitops.SlipwayObjects.object;
import static dev.slipway.controllers.gitops.SlipwayObjects.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.controllers.gitops.SlipwayObjects.Kind;
import dev.slipway.testing.tools.Kstatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Argo CD (with the chart's health checks) and kstatus (Flux, Helm 4's {@code --wait}, kpt; the real
 * {@code sigs.k8s.io/cli-utils} built by {@code hack/kstatus/build.sh}) say about the same objects, with status as the
 * controllers write it. They agree wherever the controllers have spoken: Healthy is Current, Degraded is Failed,
 * Progressing is InProgress (or Terminating while deleting). The differences are the ones the chart's README
 * documents: before the controllers write any status kstatus says Current (it cannot know a controller will), and a
 * paused object is Suspended for Argo CD but InProgress for kstatus (Ready is False while paused).
 */
class ArgoCdAndKstatusIT {

  private static final ConditionStatus TRUE = ConditionStatus.TRUE;
  private static final ConditionStatus FALSE = ConditionStatus.FALSE;

  /** One situation: the object, and what each tool must say about it. */
  record Case(String name, String objectJson, String argoCd, String kstatus) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(Kind.values()).flatMap(kind -> Stream.of(
        new Case("no status yet", object(kind, 1, null, false, false), "Progressing", "Current"),
        new Case("first status, no Ready yet", object(kind, 1, status(kind, null, asWritten(1)), false, false),
            "Progressing", "InProgress"),
        new Case("Ready False", object(kind, 2, status(kind, 2L, asWritten(2, condition(ConditionTypes.READY, FALSE,
            2, ConditionReasons.CREATING, "the cloud is creating the pool"))), false, false),
            "Progressing", "InProgress"),
        new Case("Ready True", object(kind, 3, status(kind, 3L, asWritten(3, condition(ConditionTypes.READY, TRUE,
            3, ConditionReasons.READY, "ready"))), false, false), "Healthy", "Current"),
        new Case("generation not observed yet", object(kind, 4, status(kind, 3L, asWritten(3, condition(
            ConditionTypes.READY, TRUE, 3, ConditionReasons.READY, "ready"))), false, false),
            "Progressing", "InProgress"),
        new Case("Stalled", object(kind, 5, status(kind, 5L, asWritten(5, condition(ConditionTypes.READY, FALSE, 5,
            ConditionReasons.PERMANENT_CLOUD_ERROR, "InvalidParameter: template.maxPods"))), false, false),
            "Degraded", "Failed"),
        new Case("paused", object(kind, 6, status(kind, 6L, asWritten(6,
            condition(ConditionTypes.READY, FALSE, 6, ConditionReasons.PAUSED, "cluster dev-sim is paused"),
            condition(ConditionTypes.PAUSED, TRUE, 6, ConditionReasons.PAUSED, "cluster dev-sim is paused"))),
            false, false), "Suspended", "InProgress"),
        new Case("deleting", object(kind, 7, status(kind, 7L, asWritten(7, condition(ConditionTypes.READY, FALSE, 7,
            ConditionReasons.DELETING, "deleting the cloud resources"))), false, true),
            "Progressing", "Terminating"))
        .map(c -> Arguments.of(kind, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void argoCdAndKstatusReadTheSameStatus(Kind kind, Case situation) {
    String argoCd = ArgoHealth.evaluate(kind.argoScript(), situation.objectJson()).status();
    List<Kstatus.Result> kstatus = Kstatus.locate().compute(situation.objectJson());

    assertThat(argoCd).as("Argo CD").isEqualTo(situation.argoCd());
    assertThat(kstatus).singleElement().extracting(Kstatus.Result::status).as("kstatus")
        .isEqualTo(situation.kstatus());
  }
}
