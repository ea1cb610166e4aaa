package dev.slipway.controllers.nodepool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controllers.runtime.SlipwayProperties;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-pool backoff of a blocked drain grows with how long it has been blocked, within bounds. */
class DrainBlockTest {

  @ParameterizedTest(name = "blocked for {0} s -> retry after {1} s")
  @CsvSource({"0, 5", "10, 5", "40, 10", "200, 50", "480, 120", "3600, 120"})
  void backoff(long blockedSeconds, long expectedSeconds) {
    Instant start = Instant.parse("2026-11-22T10:00:00Z");
    DrainBlock block = new DrainBlock("node-a", start, "pod x blocked", false);
    SlipwayProperties.Drain settings = new SlipwayProperties.Drain(Duration.ofSeconds(5), Duration.ofMinutes(2));
    assertThat(block.backoff(settings, start.plusSeconds(blockedSeconds)))
        .isEqualTo(Duration.ofSeconds(expectedSeconds));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"1m, 60", "15m, 900", "1h30m, 5400", "90s, 90", "2h, 7200"})
  void drainTimeoutsParse(String text, long seconds) {
    assertThat(DurationFormat.parse(text, Duration.ZERO)).isEqualTo(Duration.ofSeconds(seconds));
  }
}
