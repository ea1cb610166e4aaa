package dev.slipway.controllers.metrics;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code slipway_node_ready_seconds{provider}}: how long each new node took from the request that asked for it to
 * its Ready condition. The request is the MachinePool's creation, or the last replica increase this process sent to
 * the cloud for the pool, whichever is later, so both a new pool (a rollout's target) and a scale-out are measured.
 *
 * <p>Each node is observed once, the first time the MachinePool controller sees it Ready, and only when its Ready
 * transition came after both the request and this process's start: a restarted or new leader does not count old
 * nodes again, and nodes that became Ready while no Slipway was running are not counted at all. Nodes added by the
 * cloud's own autoscaler are measured from the last request too, so they read long; the histogram is meant for
 * rollouts and scale-outs that Slipway starts.
 */
@Component
public class NodeReadyMetrics {

  /** Bounds of the histogram: five seconds to half an hour. */
  static final Duration[] BUCKETS = {
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
      Duration.ofSeconds(45), Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofSeconds(120),
      Duration.ofSeconds(180), Duration.ofSeconds(300), Duration.ofSeconds(600), Duration.ofSeconds(1800)};

  /** How long a counted node is remembered; a node is counted within minutes of its Ready transition. */
  private static final Duration REMEMBER = Duration.ofHours(6);

  private final MeterRegistry meters;
  private final Clock clock;
  private final Instant started;
  private final Map<String, Instant> scaleUps = new ConcurrentHashMap<>();
  private final Map<String, Instant> counted = new ConcurrentHashMap<>();

  public NodeReadyMetrics(MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
    this.started = clock.instant();
  }

  /** The pool (by MachinePool uid) was just asked for more nodes than it had. */
  public void scaleUpRequested(String poolUid) {
    scaleUps.put(poolUid, clock.instant());
  }

  /** The MachinePool is gone; forgets what was kept for it. */
  public void forgetPool(String poolUid) {
    scaleUps.remove(poolUid);
  }

  /**
   * Looks at one of a pool's nodes; records its ready time if it is Ready, new to this process and Ready after the
   * pool's last request.
   */
  public void observe(String provider, String poolUid, OffsetDateTime poolCreated, V1Node node) {
    Instant ready = readySince(node);
    String uid = node.getMetadata() == null ? null : node.getMetadata().getUid();
    if (ready == null || uid == null || poolCreated == null || ready.isBefore(started) || counted.containsKey(uid)) {
      return;
    }
    Instant requested = poolCreated.toInstant();
    Instant scaleUp = scaleUps.get(poolUid);
    if (scaleUp != null && scaleUp.isAfter(requested)) {
      requested = scaleUp;
    }
    if (ready.isBefore(requested) || counted.putIfAbsent(uid, clock.instant()) != null) {
      return;
    }
    timer(meters, provider).record(Duration.between(requested, ready));
    if (counted.size() % 1024 == 0) {
      Instant cutoff = clock.instant().minus(REMEMBER);
      counted.values().removeIf(at -> at.isBefore(cutoff));
    }
  }

  static Timer timer(MeterRegistry meters, String provider) {
    return Timer.builder("slipway.node.ready").description("From a pool's creation or scale-out to each new node "
        + "Ready").tag("provider", provider).serviceLevelObjectives(BUCKETS).register(meters);
  }

  private static Instant readySince(V1Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return null;
    }
    for (V1NodeCondition condition : node.getStatus().getConditions()) {
      if ("Ready".equals(condition.getType()) && "True".equals(condition.getStatus())
          && condition.getLastTransitionTime() != null) {
        return condition.getLastTransitionTime().toInstant();
      }
    }
    return null;
  }
}
