package dev.slipway.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The front door: authentication, faults, api-version, subscriptions, routing and the request log. */
class ArmDispatcherTest {

  private static final String LIST = "/subscriptions/11111111-2222-3333-4444-555555555555/providers/"
      + "Microsoft.ContainerService/managedClusters";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Faults faults = new Faults();
  private final ContainerService aks = new ContainerService(URI.create("https://127.0.0.1:8443/"), faults, "tenant",
      "ca", "cert", "key");
  private final Object lock = new Object();
  private final ArmDispatcher dispatcher = new ArmDispatcher(lock, clock, "tenant", aks,
      new Authorization(aks, URI.create("https://127.0.0.1:8443/")), faults);
  private final String token;

  ArmDispatcherTest() {
    synchronized (lock) {
      token = dispatcher.issueToken();
    }
  }

  @Test
  void onlyTokensTheFakeIssuedAreAccepted() {
    ArmResponse missing = serve("GET", LIST, "api-version=2025-09-01", null);
    ArmResponse foreign = serve("GET", LIST, "api-version=2025-09-01", "Bearer someone-elses");

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.errorCode()).isEqualTo("AuthenticationFailed");
    assertThat(missing.headers().get("WWW-Authenticate")).startsWith("Bearer authorization_uri=");
    assertThat(foreign.errorCode()).isEqualTo("InvalidAuthenticationToken");
    assertThat(serve("GET", LIST, "api-version=2025-09-01", "bearer " + token).status()).isEqualTo(200);
  }

  @Test
  void requestsNeedAnApiVersionAWellFormedSubscriptionAndAKnownResourceType() {
    assertThat(serve("GET", LIST, "", "Bearer " + token).errorCode()).isEqualTo("MissingApiVersionParameter");
    assertThat(serve("GET", LIST.replace("11111111-2222-3333-4444-555555555555", "my-sub"), "api-version=1",
        "Bearer " + token).errorCode()).isEqualTo("InvalidSubscriptionId");
    assertThat(serve("GET", "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg",
        "api-version=1", "Bearer " + token).errorCode()).isEqualTo("InvalidResourceType");
  }

  @Test
  void faultsAreUsedUpByTheRequestsTheyMatch() {
    faults.throttle(1, Duration.ofMillis(1500));
    faults.fail(2, 503, "ServiceUnavailable", "PUT", "/agentPools/");

    ArmResponse throttled = serve("GET", LIST, "api-version=2025-09-01", "Bearer " + token);
    ArmResponse notMatching = serve("GET", LIST, "api-version=2025-09-01", "Bearer " + token);
    ArmResponse failed = serve("PUT", LIST.replace("/providers/", "/resourceGroups/rg/providers/")
        + "/c/agentPools/p", "api-version=2025-09-01", "Bearer " + token);

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.headers()).containsEntry("Retry-After", "2");
    assertThat(throttled.errorCode()).isEqualTo("TooManyRequests");
    assertThat(notMatching.status()).isEqualTo(200);
    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.errorCode()).isEqualTo("ServiceUnavailable");
  }

  @Test
  void everyAnswerIsRecorded() {
    serve("GET", LIST, "api-version=2025-09-01", "Bearer " + token);
    clock.advance(Duration.ofSeconds(3));
    serve("GET", LIST, "", "Bearer " + token);

    List<RecordedRequest> log;
    synchronized (lock) {
      log = dispatcher.requests();
    }
    assertThat(log).containsExactly(
        new RecordedRequest(Instant.parse("2026-01-01T00:00:00Z"), "GET", LIST, "2025-09-01", 200, null),
        new RecordedRequest(Instant.parse("2026-01-01T00:00:03Z"), "GET", LIST, null, 400,
            "MissingApiVersionParameter"));
  }

  @Test
  void aRequestTargetStartingWithTwoSlashesIsAPath() {
    assertThat(ArmDispatcher.rawPath(URI.create("//subscriptions/s/providers/x"))).isEqualTo(
        "//subscriptions/s/providers/x");
    assertThat(ArmDispatcher.rawPath(URI.create("/subscriptions/s"))).isEqualTo("/subscriptions/s");
    assertThat(ArmRequest.of("GET", "//subscriptions/s", null, Map.of(), "").segments())
        .containsExactly("subscriptions", "s");
  }

  private ArmResponse serve(String method, String path, String query, String authorization) {
    Map<String, List<String>> headers = authorization == null ? Map.of()
        : Map.of("Authorization", List.of(authorization));
    return dispatcher.serve(ArmRequest.of(method, path, query, headers, "{}"));
  }
}
