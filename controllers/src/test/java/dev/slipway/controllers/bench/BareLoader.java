package dev.slipway.controllers.bench;

import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's limit: the writes a fleet needs at the very least, sent by {@code threads} workers as fast as this API
 * server and etcd accept them, with no controller in the loop. Per cluster: the Cluster and each Nodepool are
 * created (by the user), get the finalizer and record Ready (3 writes each); each MachinePool is created with its
 * finalizer, as the Nodepool controller creates it, and records Ready (2 writes); plus the kubeconfig Secret. The
 * user's own creates are counted in, as they are in Slipway's convergence time.
 */
final class BareLoader {


  record Result(int clusters, long writes, Duration took) {

    double writesPerSecond() {
      return writes / Math.max(took.toNanos() / 1e9, 1e-9);
    }
  }

  private BareLoader() {
  }

  /** Writes per cluster: 3 for the Cluster and each Nodepool, 2 for each MachinePool, 1 for the Secret. */
  static int writesPerCluster(int nodepools) {
    return 3 * (1 + nodepools) + 2 * nodepools + 1;
  }

  static Result run(ApiClient client, String namespace, int clusters, int nodepools, int threads) {
    AtomicInteger next = new AtomicInteger();
    AtomicLong writes = new AtomicLong();
    String base = "/apis/slipway.dev/v1alpha1/namespaces/" + namespace + "/";
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < clusters; i = next.getAndIncrement()) {
            String cluster = FleetManifests.clusterName(i);
            writeObject(client, base + "clusters", cluster, FleetManifests.cluster(i, "Instant"), true, writes);
            for (int p = 0; p < nodepools; p++) {
              writeObject(client, base + "nodepools", FleetManifests.nodepoolName(i, p),
                  FleetManifests.nodepool(i, p), true, writes);
              writeObject(client, base + "machinepools", FleetManifests.nodepoolName(i, p) + "-0a1b2c3d",
                  FleetManifests.machinePool(i, p), false, writes);
            }
            HttpCalls.send(client, "POST", "/api/v1/namespaces/" + namespace + "/secrets", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"" + cluster + "-kubeconfig\"},"
                    + "\"data\":{\"value\":\"" + "a".repeat(1400) + "\"}}");
            writes.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bare loader interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("bare loader failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Result(clusters, writes.get(), Duration.ofNanos(System.nanoTime() - started));
  }

  private static void writeObject(ApiClient client, String collection, String name, String body,
      boolean addFinalizer, AtomicLong writes) {
    HttpCalls.send(client, "POST", collection, "application/json", body);
    if (addFinalizer) {
      HttpCalls.send(client, "PATCH", collection + "/" + name, "application/merge-patch+json",
          FleetManifests.finalizerPatch());
    }
    HttpCalls.send(client, "PATCH", collection + "/" + name + "/status", "application/merge-patch+json",
        FleetManifests.readyStatusPatch(Instant.now().toString()));
    writes.addAndGet(addFinalizer ? 3 : 2);
  }
}
