package dev.slipway.controllers.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DrainBackoffTest {

  /** A generator that always draws the same value, so delays are exact. */
  private static RandomGenerator constant(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @ParameterizedTest(name = "attempt {0} -> {1} s")
  @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "5, 80", "6, 120", "7, 120", "100, 120", "2147483647, 120"})
  void doublesFromFiveSecondsUpToTwoMinutes(int attempt, long seconds) {
    DrainBackoff noJitter = DrainBackoff.standard(constant(0));
    assertThat(noJitter.delay(attempt)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void jitterShortensByAtMostItsShare() {
    assertThat(DrainBackoff.standard(constant(0.5)).delay(1)).isEqualTo(Duration.ofMillis(4500));
    // The largest draw just below 1 takes off just below 20%.
    assertThat(DrainBackoff.standard(constant(Math.nextDown(1.0))).delay(6))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(96)).isLessThan(Duration.ofSeconds(120));
  }

  @Test
  void randomDelaysStayWithinTheirBand() {
    DrainBackoff backoff = DrainBackoff.standard(new SplittableRandom(42));
    for (int attempt = 1; attempt <= 10; attempt++) {
      Duration nominal = backoff.nominal(attempt);
      for (int i = 0; i < 200; i++) {
        assertThat(backoff.delay(attempt))
            .isLessThanOrEqualTo(nominal)
            .isGreaterThanOrEqualTo(Duration.ofMillis(Math.round(nominal.toMillis() * 0.8)));
      }
    }
  }

  @Test
  void rejectsNonsense() {
    DrainBackoff backoff = DrainBackoff.standard(constant(0));
    assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DrainBackoff(Duration.ZERO, Duration.ofSeconds(1), 0, constant(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DrainBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, constant(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DrainBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0, constant(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
