package dev.slipway.controllers.runtime;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.extended.event.EventType;
import io.kubernetes.client.extended.event.legacy.EventRecorder;
import io.kubernetes.client.extended.event.legacy.LegacyEventBroadcaster;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Kubernetes Events on Slipway objects for every significant step, so {@code kubectl describe} tells the story.
 * Events are sent asynchronously and aggregated by client-java's correlator; losing one never fails a reconcile.
 *
 * <p>client-java's broadcaster queues Events without bound and sends them one by one, from the same request budget as
 * the reconcilers. A fleet-wide change (thousands of rollouts at once) would queue tens of thousands of them, hold
 * them in the heap and send them long after the fleet converged. So Normal Events take a token from their own bucket
 * ({@code slipway.client.events-qps}, {@code events-burst}) and are dropped when it is empty, counted in
 * {@code slipway_events_dropped_total}; Warnings always go out (and take a token when there is one).
 */
@Component
public class Events implements SmartLifecycle {

  private final LegacyEventBroadcaster broadcaster;
  private final EventRecorder recorder;
  private final Supplier<SlipwayProperties.Client> settings;
  private final TokenBucket bucket;
  private final Counter dropped;
  private volatile boolean running;

  @Autowired
  public Events(@Qualifier("apiClient") ApiClient apiClient, LiveSettings settings, MeterRegistry meters) {
    this(new LegacyEventBroadcaster(new CoreV1Api(apiClient)), () -> settings.get().client(), meters,
        System::nanoTime);
  }

  Events(LegacyEventBroadcaster broadcaster, Supplier<SlipwayProperties.Client> settings, MeterRegistry meters,
      LongSupplier nanoTime) {
    this.broadcaster = broadcaster;
    this.recorder = broadcaster.newRecorder(new V1EventSource().component("slipway-controllers"));
    this.settings = settings;
    this.bucket = new TokenBucket(nanoTime);
    this.dropped = Counter.builder("slipway.events.dropped")
        .description("Normal Events not sent because the Event budget (slipway.client.events-qps) was spent")
        .register(meters);
  }

  /** A normal step, e.g. reason {@code MachinePoolCreated}; dropped (and counted) when the Event budget is spent. */
  public void normal(KubernetesObject object, String reason, String message) {
    SlipwayProperties.Client limits = settings.get();
    if (!bucket.tryTake(limits.eventsQps(), limits.eventsBurst())) {
      dropped.increment();
      return;
    }
    recorder.event(object, EventType.Normal, reason, "%s", message);
  }

  /** Something a human may need to act on, e.g. reason {@code DrainBlocked}: always sent. */
  public void warning(KubernetesObject object, String reason, String message) {
    SlipwayProperties.Client limits = settings.get();
    bucket.tryTake(limits.eventsQps(), limits.eventsBurst());
    recorder.event(object, EventType.Warning, reason, "%s", message);
  }

  /** How many Normal Events were dropped so far. */
  double dropped() {
    return dropped.count();
  }

  @Override
  public void start() {
    broadcaster.startRecording();
    running = true;
  }

  @Override
  public void stop() {
    broadcaster.shutdown();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
