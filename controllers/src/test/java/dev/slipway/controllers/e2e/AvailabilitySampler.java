package dev.slipway.controllers.e2e;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples a Deployment's available replicas every 100 ms for as long as it runs and keeps the lowest value seen, so
 * a test can say "the workload never had fewer than N replicas available" over a whole rollout.
 */
final class AvailabilitySampler implements AutoCloseable {

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger minimum = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicInteger samples = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();

  AvailabilitySampler(ApiClient client, String namespace, String deployment) {
    AppsV1Api apps = new AppsV1Api(client);
    executor.scheduleWithFixedDelay(() -> {
      try {
        V1Deployment current = apps.readNamespacedDeployment(deployment, namespace).execute();
        Integer available = current.getStatus() == null ? null : current.getStatus().getAvailableReplicas();
        minimum.accumulateAndGet(available == null ? 0 : available, Math::min);
        samples.incrementAndGet();
      } catch (Exception e) {
        errors.incrementAndGet();
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
  }

  int minimum() {
    return minimum.get();
  }

  int samples() {
    return samples.get();
  }

  int errors() {
    return errors.get();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
