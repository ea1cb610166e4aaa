package dev.slipway.controllers.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Ready cluster whose kubeconfig holds short-lived credentials (an EKS token lives 15 minutes) is looked at again
 * when they are due for refresh, not only at the next resync (10 minutes by default, jittered).
 */
class KubeconfigRefreshTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @ParameterizedTest(name = "resync {0} s, refresh due in {1} s -> next pass in {2} s")
  @CsvSource(nullValues = "none", value = {
      "600, none, 600",
      "600, 540, 540",
      "600, 900, 600",
      "600, -30, -30"})
  void theNextPassIsTheSoonerOfResyncAndRefresh(long resync, Long refreshIn, long expected) {
    Instant refreshAt = refreshIn == null ? null : NOW.plusSeconds(refreshIn);
    assertThat(ClusterReconciler.nextPass(Duration.ofSeconds(resync), NOW, refreshAt))
        .isEqualTo(Duration.ofSeconds(expected));
  }
}
