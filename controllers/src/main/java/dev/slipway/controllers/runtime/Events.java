package dev.slipway.controllers.runtime;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.extended.event.EventType;
import io.kubernetes.client.extended.event.legacy.EventRecorder;
import io.kubernetes.client.extended.event.legacy.LegacyEventBroadcaster;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1EventSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Kubernetes Events on Slipway objects for every significant step, so {@code kubectl describe} tells the story.
 * Events are sent asynchronously and aggregated by client-java's correlator; losing one never fails a reconcile.
 */
@Component
public class Events implements SmartLifecycle {

  private final LegacyEventBroadcaster broadcaster;
  private final EventRecorder recorder;
  private volatile boolean running;

  public Events(@Qualifier("apiClient") ApiClient apiClient) {
    this.broadcaster = new LegacyEventBroadcaster(new CoreV1Api(apiClient));
    this.recorder = broadcaster.newRecorder(new V1EventSource().component("slipway-controllers"));
  }

  /** A normal step, e.g. reason {@code MachinePoolCreated}. */
  public void normal(KubernetesObject object, String reason, String message) {
    recorder.event(object, EventType.Normal, reason, "%s", message);
  }

  /** Something a human may need to act on, e.g. reason {@code DrainBlocked}. */
  public void warning(KubernetesObject object, String reason, String message) {
    recorder.event(object, EventType.Warning, reason, "%s", message);
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
