package dev.slipway.testing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleStatusTest {

  @Test
  void anObjectWithoutStatusIsNotConverged() {
    SampleStatus status = SampleStatus.of(Map.of("kind", "Cluster",
        "metadata", Map.of("name", "dev-sim", "generation", 1)));

    assertThat(status.converged()).isFalse();
    assertThat(status.line()).startsWith("Cluster/dev-sim").contains("(no status)").contains("Ready=-");
  }

  @Test
  void aNodepoolWaitingForNodesShowsReasonNodesAndMessage() {
    SampleStatus status = SampleStatus.of(nodepool(1, 1, "False", "WaitingForNodes", "1 of 3 nodes Ready", 3, 1));

    assertThat(status.converged()).isFalse();
    assertThat(status.line())
        .contains("Nodepool/dev-sim-apps", "Provisioning", "Ready=False WaitingForNodes", "nodes ready 1/3",
            ": 1 of 3 nodes Ready")
        .doesNotContain("older spec");
  }

  @Test
  void readyForTheCurrentGenerationIsConverged() {
    SampleStatus status = SampleStatus.of(nodepool(2, 2, "True", "Ready", "ignored when Ready", 3.0, 3.0));

    assertThat(status.converged()).isTrue();
    assertThat(status.line()).contains("Ready=True Ready", "nodes ready 3/3").doesNotContain("ignored");
  }

  @Test
  void readyForAnOlderGenerationIsNotConverged() {
    SampleStatus status = SampleStatus.of(nodepool(3, 2, "True", "Ready", null, 3, 3));

    assertThat(status.converged()).isFalse();
    assertThat(status.line()).contains("(for an older spec)");
  }

  @Test
  void optionsDefaultToStayingUpWithAFiveMinuteTimeout() {
    assertThat(LocalRun.Options.parse()).isEqualTo(new LocalRun.Options(false, Duration.ofMinutes(5)));
    assertThat(LocalRun.Options.parse("--until-ready", "--timeout=90s"))
        .isEqualTo(new LocalRun.Options(true, Duration.ofSeconds(90)));
    assertThat(LocalRun.Options.parse("--timeout=10m").timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThatThrownBy(() -> LocalRun.Options.parse("--until-redy")).hasMessageContaining("unknown argument");
  }

  private static Map<String, Object> nodepool(long generation, long observedGeneration, String ready, String reason,
      String message, Number replicas, Number readyReplicas) {
    Map<String, Object> condition = new java.util.HashMap<>(Map.of("type", "Ready", "status", ready,
        "reason", reason));
    if (message != null) {
      condition.put("message", message);
    }
    return Map.of("kind", "Nodepool",
        "metadata", Map.of("name", "dev-sim-apps", "generation", generation),
        "status", Map.of("observedGeneration", observedGeneration, "phase", "Provisioning",
            "conditions", List.of(Map.of("type", "Synced", "status", "True"), condition),
            "replicas", replicas, "readyReplicas", readyReplicas));
  }
}
