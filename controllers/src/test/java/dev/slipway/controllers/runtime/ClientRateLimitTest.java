package dev.slipway.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimitTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final AtomicLong now = new AtomicLong(1_000_000 * MS);
  private final ClientRateLimit limit = new ClientRateLimit(() -> new SlipwayProperties.Client(10, 5, 20, 200), now::get,
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

  @Test
  void aBurstPassesThenCallersQueueBehindEachOtherAtTheRate() {
    for (int i = 0; i < 5; i++) {
      assertThat(limit.reserve()).as("burst call %d", i).isZero();
    }
    assertThat(limit.reserve()).isEqualTo(100 * MS);
    assertThat(limit.reserve()).as("queued behind the one before, not let through").isEqualTo(200 * MS);
    assertThat(limit.reserve()).isEqualTo(300 * MS);
  }

  @Test
  void theBucketRefillsAtTheRateUpToTheBurst() {
    for (int i = 0; i < 7; i++) {
      limit.reserve();
    }
    now.addAndGet(1000 * MS);
    // 10 tokens earned, 2 of them pay the debt; the 8 left are capped at the burst of 5.
    for (int i = 0; i < 5; i++) {
      assertThat(limit.reserve()).as("call %d after a second", i).isZero();
    }
    assertThat(limit.reserve()).isEqualTo(100 * MS);
  }

  @Test
  void overASecondOfCallsNoMoreThanRateTimesTimePlusBurstGoThrough() {
    int immediate = 0;
    for (int ms = 0; ms < 1000; ms += 10) {
      now.addAndGet(10 * MS);
      if (limit.reserve() == 0) {
        immediate++;
      }
    }
    assertThat(immediate).isBetween(5, 15);
  }
}
