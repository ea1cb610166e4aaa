package dev.slipway.controllers.drain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controllers.drain.PodTriage.Disposition;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodTriageTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("running ReplicaSet pod", running().metadata(meta().ownerReferences(List.of(
            owner("ReplicaSet", true)))), Disposition.MOVE),
        Arguments.of("bare pod", running(), Disposition.MOVE),
        Arguments.of("pending pod", running().status(new V1PodStatus().phase("Pending")), Disposition.MOVE),
        Arguments.of("pod without status", new V1Pod().metadata(meta()), Disposition.MOVE),
        Arguments.of("DaemonSet pod", running().metadata(meta().ownerReferences(List.of(
            owner("DaemonSet", true)))), Disposition.DAEMON_SET),
        Arguments.of("DaemonSet owner that is not the controller", running().metadata(meta().ownerReferences(List.of(
            owner("DaemonSet", false)))), Disposition.MOVE),
        Arguments.of("mirror pod", running().metadata(meta().annotations(Map.of(PodTriage.MIRROR_ANNOTATION,
            "8f2e"))), Disposition.MIRROR),
        Arguments.of("succeeded", running().status(new V1PodStatus().phase("Succeeded")), Disposition.FINISHED),
        Arguments.of("failed", running().status(new V1PodStatus().phase("Failed")), Disposition.FINISHED),
        Arguments.of("terminating within grace", running().metadata(meta().deletionTimestamp(at(NOW.plusSeconds(20)))),
            Disposition.TERMINATING),
        Arguments.of("terminating, grace ends now", running().metadata(meta().deletionTimestamp(at(NOW))),
            Disposition.TERMINATING),
        Arguments.of("terminating past grace", running().metadata(meta().deletionTimestamp(at(NOW.minusSeconds(1)))),
            Disposition.TERMINATING_OVERDUE),
        Arguments.of("terminating DaemonSet pod is not waited for", running().metadata(meta()
            .deletionTimestamp(at(NOW.plusSeconds(20))).ownerReferences(List.of(owner("DaemonSet", true)))),
            Disposition.DAEMON_SET),
        Arguments.of("terminating finished pod is not waited for", running().metadata(meta()
            .deletionTimestamp(at(NOW.plusSeconds(20)))).status(new V1PodStatus().phase("Succeeded")),
            Disposition.FINISHED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void triage(String description, V1Pod pod, Disposition expected) {
    assertThat(PodTriage.of(pod, NOW)).isEqualTo(expected);
  }

  private static V1Pod running() {
    return new V1Pod().metadata(meta()).status(new V1PodStatus().phase("Running"));
  }

  private static V1ObjectMeta meta() {
    return new V1ObjectMeta().namespace("shop").name("web-7c9d").uid("u-1");
  }

  private static V1OwnerReference owner(String kind, boolean controller) {
    return new V1OwnerReference().apiVersion("apps/v1").kind(kind).name("owner").uid("o-1").controller(controller);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
