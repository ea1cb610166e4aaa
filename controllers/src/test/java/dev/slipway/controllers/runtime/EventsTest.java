package dev.slipway.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.Nodepool;
import io.kubernetes.client.extended.event.legacy.LegacyEventBroadcaster;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventsTest {

  private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  // Never started: recorded Events stay in the broadcaster's queue, nothing is sent.
  private final Events events = new Events(new LegacyEventBroadcaster(new CoreV1Api(new ApiClient())),
      () -> new SlipwayProperties.Client(200, 400, 1, 3), meters, now::get);
  private final Nodepool nodepool = new Nodepool();

  EventsTest() {
    nodepool.setMetadata(new V1ObjectMeta().name("np").namespace("team").uid("uid-1"));
  }

  @Test
  void normalEventsOverTheBudgetAreDroppedAndCounted() {
    for (int i = 0; i < 5; i++) {
      events.normal(nodepool, "RolloutCreatingTarget", "step " + i);
    }

    assertThat(events.dropped()).as("a burst of 3 goes out, 2 are dropped").isEqualTo(2);
    assertThat(meters.get("slipway.events.dropped").counter().count()).isEqualTo(2);

    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    events.normal(nodepool, "RolloutComplete", "done");
    events.normal(nodepool, "RolloutComplete", "done again");
    events.normal(nodepool, "RolloutComplete", "one too many");
    assertThat(events.dropped()).as("2 tokens earned in 2 s at 1/s").isEqualTo(3);
  }

  @Test
  void warningsAlwaysGoOutAndSpendTheBudget() {
    for (int i = 0; i < 5; i++) {
      events.warning(nodepool, "DrainBlocked", "blocked " + i);
    }
    events.normal(nodepool, "NodeDrained", "drained");

    assertThat(events.dropped()).as("no warning dropped; the normal one finds the bucket empty").isEqualTo(1);
  }
}
