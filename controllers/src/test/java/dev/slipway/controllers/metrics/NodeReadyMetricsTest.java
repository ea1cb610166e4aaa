package dev.slipway.controllers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.ManualClock;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeReadyMetricsTest {

  private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

  private final ManualClock clock = new ManualClock(START);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final NodeReadyMetrics metrics = new NodeReadyMetrics(meters, clock);

  @Test
  void measuresFromPoolCreationToReadyOncePerNode() {
    OffsetDateTime created = at(START.plusSeconds(10));
    clock.advance(Duration.ofMinutes(2));

    metrics.observe("sim", "pool-1", created, node("n1", START.plusSeconds(40)));
    metrics.observe("sim", "pool-1", created, node("n1", START.plusSeconds(40)));
    metrics.observe("sim", "pool-1", created, node("n2", START.plusSeconds(70)));
    metrics.observe("sim", "pool-1", created, notReady("n3"));

    Timer timer = meters.get("slipway.node.ready").tag("provider", "sim").timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(30 + 60);
  }

  @Test
  void aScaleOutIsMeasuredFromItsRequestAndOldNodesAreNotCounted() {
    OffsetDateTime created = at(START.plusSeconds(1));
    clock.advance(Duration.ofMinutes(10));
    metrics.scaleUpRequested("pool-1");

    metrics.observe("sim", "pool-1", created, node("old", START.plusSeconds(30)));
    metrics.observe("sim", "pool-1", created, node("new", START.plusSeconds(600 + 45)));

    Timer timer = meters.get("slipway.node.ready").timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(45);
  }

  @Test
  void nodesReadyBeforeThisProcessStartedAreNotCounted() {
    metrics.observe("sim", "pool-1", at(START.minusSeconds(100)), node("n1", START.minusSeconds(50)));

    assertThat(meters.find("slipway.node.ready").timer()).isNull();
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static V1Node node(String name, Instant ready) {
    return new V1Node().metadata(new V1ObjectMeta().name(name).uid("uid-" + name)).status(new V1NodeStatus()
        .conditions(List.of(new V1NodeCondition().type("Ready").status("True").lastTransitionTime(at(ready)))));
  }

  private static V1Node notReady(String name) {
    return new V1Node().metadata(new V1ObjectMeta().name(name).uid("uid-" + name)).status(new V1NodeStatus()
        .conditions(List.of(new V1NodeCondition().type("Ready").status("False").lastTransitionTime(at(START)))));
  }
}
