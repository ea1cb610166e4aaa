package dev.slipway.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private static ArmRequest request(String method, String path) {
    return ArmRequest.of(method, path, "api-version=2025-09-01", Map.of(), "");
  }

  @Test
  void throttlingCarriesRetryAfterInWholeSecondsAndIsUsedUp() {
    Faults faults = new Faults();
    faults.throttle(1, Duration.ofMillis(2500));

    ArmException throttled = faults.answerFor(request("GET", "/subscriptions/s/resourceGroups/rg"));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.headers()).containsEntry("Retry-After", "3");
    assertThat(faults.answerFor(request("GET", "/subscriptions/s/resourceGroups/rg"))).isNull();
  }

  @Test
  void aFailureMatchesItsMethodAndPathOnlyAndA429WithoutRetryAfterHasNoHeader() {
    Faults faults = new Faults();
    faults.fail(2, 429, "TooManyRequests", "PUT", "/agentPools/apps");

    assertThat(faults.answerFor(request("GET", "/x/agentPools/apps1"))).isNull();
    assertThat(faults.answerFor(request("PUT", "/x/agentPools/system1"))).isNull();
    ArmException first = faults.answerFor(request("PUT", "/x/agentPools/apps1"));
    assertThat(first.status()).isEqualTo(429);
    assertThat(first.headers()).doesNotContainKey("Retry-After");
    assertThat(faults.answerFor(request("PUT", "/x/agentPools/apps1"))).isNotNull();
    assertThat(faults.answerFor(request("PUT", "/x/agentPools/apps1"))).isNull();
  }
}
