package dev.slipway.controllers.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.controllers.e2e.ControllerProcess;
import dev.slipway.controllers.runtime.Labels;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.ProjectLayout;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAccumulator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet benchmark (issue 7): on its own local control plane (etcd + kube-apiserver sharing this machine), the
 * controllers (production JVM and settings, heap capped) with the node-less simulated cloud, for each fleet size N:
 * <ol>
 *   <li><b>bare loader</b>: the minimum writes of N clusters ({@link BareLoader}) as fast as the API server takes them,
 *       with no controller: the machine's limit;</li>
 *   <li><b>cold convergence</b>: N Clusters x {@code nodepools} Nodepools applied at once by 8 writers, as a GitOps
 *       tool would, until every Cluster is Ready and every Nodepool settled; reconciles per controller, API server
 *       requests by verb (the server's own metrics, the benchmark's few reads included), controller CPU;</li>
 *   <li><b>fleet upgrade</b>: every Cluster's version bumped at once, until every Nodepool runs a new pool at the new
 *       version; sampled every second: a Nodepool whose ready machines dropped below its replicas is a capacity
 *       violation; after it, the simulated cloud's pools ({@code slipway_sim_pools}) must equal the MachinePools;</li>
 *   <li><b>idle</b>: nothing changes for {@code idle-seconds}: reconciles/s, API writes/s (Leases excluded: leader
 *       election renews by design), cloud calls/s;</li>
 * </ol>
 * then deletes the fleet (teardown time). Peak heap used and peak live data after a collection
 * ({@code jvm_gc_live_data_size_bytes}: what the heap must hold) are sampled every 5 s over all phases. Prints a
 * table and writes {@code target/fleet-benchmark/fleet-benchmark.json} and {@code .png}. Correctness is asserted (everything converges,
 * no capacity violation, no leaked pool, no write while idle); figures are reported, never asserted.
 *
 * <p>The default instance (CI) is a 10-cluster smoke test with a 20 s idle window; the full run is
 * {@code hack/fleet-benchmark.sh} (see the README), which also runs the node-readiness phase
 * ({@link NodeReadinessBenchmarkE2E}).
 */
class FleetBenchmarkE2E {

  private static final Logger LOG = LoggerFactory.getLogger(FleetBenchmarkE2E.class);
  /**
   * Heap is sampled from the controllers' Prometheus endpoint this often: a scrape of every series costs the
   * controllers CPU (about a tenth of their samples in a profile at one scrape a second).
   */
  private static final int HEAP_SAMPLE_SECONDS = 5;

  private final List<Integer> sizes = Arrays.stream(System.getProperty("slipway.bench.sizes", "10").split(","))
      .map(String::trim).map(Integer::valueOf).toList();
  private final int nodepools = Integer.getInteger("slipway.bench.nodepools", 3);
  private final int idleSeconds = Integer.getInteger("slipway.bench.idle-seconds", 20);
  private final int writers = Integer.getInteger("slipway.bench.writers", 8);
  private final String heap = System.getProperty("slipway.bench.heap", "512m");
  private final String latency = System.getProperty("slipway.bench.latency", "Instant");
  /** The controllers' resync period; empty: the production default. A short one shows resyncs write nothing. */
  private final String resync = System.getProperty("slipway.bench.resync", "");
  /** When set, the controllers record a Java Flight Recording (profile settings) into this folder, one per size. */
  private final String jfr = System.getProperty("slipway.bench.jfr", "");
  /** A guard against a hang, not a performance bound: figures are reported, never asserted. */
  private final Duration phaseLimit = Duration.ofMinutes(Integer.getInteger("slipway.bench.phase-limit-minutes", 30));

  @Test
  void fleetConvergesUpgradesAndStaysQuiet() {
    List<FleetReport.Size> results = new ArrayList<>();
    try (LocalControlPlane controlPlane = LocalControlPlane.start(LocalControlPlane.Options.apiServerOnly(
        "fleet-bench"))) {
      controlPlane.installCrds(ProjectLayout.crdDirectory());
      for (int size : sizes) {
        results.add(runSize(controlPlane, size));
        LOG.info("{}", FleetReport.table(results));
      }
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("sizes", sizes);
    settings.put("nodepoolsPerCluster", nodepools);
    settings.put("idleSeconds", idleSeconds);
    settings.put("writers", writers);
    settings.put("controllerHeap", heap);
    settings.put("simLatencyProfile", latency);
    settings.put("cores", Runtime.getRuntime().availableProcessors());
    Path out = Path.of("target", "fleet-benchmark");
    FleetReport.write(out, settings, results);
    LOG.info("Fleet benchmark report: {}", out.toAbsolutePath());
    for (FleetReport.Size result : results) {
      assertThat(result.capacityViolations()).as("capacity violations at %d clusters", result.clusters()).isZero();
      assertThat(result.cloudPoolsAfterUpgrade()).as("cloud pools vs MachinePools at %d clusters", result.clusters())
          .isEqualTo(result.machinePoolsAfterUpgrade());
      // Events still being sent after convergence are reported (the broadcaster drains a backlog), not failed on;
      // a write to any object is status churn.
      Map<String, Double> churn = new HashMap<>(result.idleApiWritesByResource());
      churn.remove("events");
      assertThat(churn).as("API writes while idle at %d clusters", result.clusters()).isEmpty();
    }
  }

  private FleetReport.Size runSize(LocalControlPlane controlPlane, int clusters) {
    ApiClient client = controlPlane.newApiClient();
    client.setReadTimeout(60_000);
    String loadNamespace = "load-" + clusters;
    createNamespace(client, loadNamespace);
    LOG.info("Bare loader: {} clusters x {} nodepools, {} threads", clusters, nodepools, writers);
    FleetReport.ServerCpu beforeLoad = serverCpu(client, controlPlane);
    BareLoader.Result load = BareLoader.run(client, loadNamespace, clusters, nodepools, writers);
    FleetReport.ServerCpu loadCpu = minus(serverCpu(client, controlPlane), beforeLoad);
    LOG.info("Bare loader: {} writes in {} ms ({} writes/s)", load.writes(), load.took().toMillis(),
        Math.round(load.writesPerSecond()));

    String namespace = "fleet-" + clusters;
    createNamespace(client, namespace);
    // Node-less cloud (no workload kubeconfig) and production settings.
    Map<String, String> properties = ProductionSettings.forNamespace(namespace);
    properties.put("slipway.providers.sim.workload-kubeconfig", "");
    if (!resync.isEmpty()) {
      properties.put("slipway.controllers.resync-period", resync);
    }
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
    if (!jfr.isEmpty()) {
      jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
          + Path.of(jfr).toAbsolutePath().resolve("controllers-" + clusters + ".jfr"));
    }
    ControllerProcess controllers = ControllerProcess.start("controllers-fleet-" + clusters, controlPlane.directory(),
        controlPlane.kubeconfig(), controlPlane.kubeconfig(), properties, Map.of(), jvm);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    ApiClient watchClient = controlPlane.newApiClient();
    watchClient.setReadTimeout(0);
    SharedInformerFactory informers = new SharedInformerFactory(watchClient);
    try {
      await("controllers leading").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions().until(() -> HttpCalls.controllerMetrics(controllers.port())
              .sum("leader_election_master_status") == 1);
      DoubleAccumulator peakHeap = new DoubleAccumulator(Math::max, 0);
      DoubleAccumulator peakLive = new DoubleAccumulator(Math::max, 0);
      sampler.scheduleWithFixedDelay(() -> {
        try {
          PromText metrics = HttpCalls.controllerMetrics(controllers.port());
          peakHeap.accumulate(metrics.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area"))));
          peakLive.accumulate(metrics.sum("jvm_gc_live_data_size_bytes"));
        } catch (RuntimeException e) {
          LOG.debug("heap sample failed: {}", e.toString());
        }
      }, 0, HEAP_SAMPLE_SECONDS, TimeUnit.SECONDS);
      SharedIndexInformer<Cluster> clusterCache = informer(informers, watchClient, Cluster.class, Cluster.List.class,
          Cluster.PLURAL, namespace);
      SharedIndexInformer<Nodepool> nodepoolCache = informer(informers, watchClient, Nodepool.class, Nodepool.List.class,
          Nodepool.PLURAL, namespace);
      SharedIndexInformer<MachinePool> poolCache = informer(informers, watchClient, MachinePool.class,
          MachinePool.List.class, MachinePool.PLURAL, namespace);
      informers.startAllRegisteredInformers();
      await().atMost(Duration.ofMinutes(1)).until(() -> clusterCache.hasSynced() && nodepoolCache.hasSynced()
          && poolCache.hasSynced());

      // Cold convergence.
      Snapshot beforeCold = snapshot(client, controlPlane, controllers);
      long coldStart = System.nanoTime();
      parallel(clusters, i -> {
        String base = "/apis/slipway.dev/v1alpha1/namespaces/" + namespace + "/";
        HttpCalls.send(client, "POST", base + "clusters", "application/json", FleetManifests.cluster(i, latency));
        for (int p = 0; p < nodepools; p++) {
          HttpCalls.send(client, "POST", base + "nodepools", "application/json", FleetManifests.nodepool(i, p));
        }
      });
      awaitPhase("cold convergence", () -> converged(clusterCache, nodepoolCache, clusters, FleetManifests.VERSION,
          poolCache));
      double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
      Snapshot afterCold = snapshot(client, controlPlane, controllers);
      LOG.info("Cold convergence of {} clusters: {} s", clusters, Math.round(coldSeconds));

      // Fleet upgrade, sampling capacity every second.
      AtomicInteger violations = new AtomicInteger();
      AtomicInteger maxRollouts = new AtomicInteger();
      AtomicReference<String> firstViolation = new AtomicReference<>();
      Future<?> capacity = sampler.scheduleWithFixedDelay(() -> sampleCapacity(nodepoolCache, poolCache, violations,
          maxRollouts, firstViolation), 0, 1, TimeUnit.SECONDS);
      long upgradeStart = System.nanoTime();
      parallel(clusters, i -> HttpCalls.send(client, "PATCH", "/apis/slipway.dev/v1alpha1/namespaces/" + namespace
          + "/clusters/" + FleetManifests.clusterName(i), "application/merge-patch+json",
          "{\"spec\":{\"version\":\"" + FleetManifests.UPGRADED_VERSION + "\"}}"));
      awaitPhase("fleet upgrade", () -> converged(clusterCache, nodepoolCache, clusters,
          FleetManifests.UPGRADED_VERSION, poolCache));
      double upgradeSeconds = (System.nanoTime() - upgradeStart) / 1e9;
      capacity.cancel(false);
      Snapshot afterUpgrade = snapshot(client, controlPlane, controllers);
      // The replaced MachinePools are deleted after the new ones serve: the idle window starts once they are gone.
      try {
        await("replaced MachinePools gone").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
            .until(() -> poolCache.getIndexer().list().size() == clusters * nodepools);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        LOG.warn("{} MachinePools two minutes after the upgrade, {} expected", poolCache.getIndexer().list().size(),
            clusters * nodepools);
      }
      int machinePools = poolCache.getIndexer().list().size();
      int cloudPools;
      try {
        cloudPools = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
            .until(() -> (int) HttpCalls.controllerMetrics(controllers.port()).sum("slipway_sim_pools"),
                pools -> pools == poolCache.getIndexer().list().size());
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        cloudPools = (int) HttpCalls.controllerMetrics(controllers.port()).sum("slipway_sim_pools");
      }
      if (firstViolation.get() != null) {
        LOG.warn("First capacity violation: {}", firstViolation.get());
      }
      LOG.info("Fleet upgrade of {} clusters: {} s", clusters, Math.round(upgradeSeconds));
      // The heap at the fleet's largest (the upgrade just converged; replaced pools may still be being deleted): the
      // histogram's full collection also makes jvm_gc_live_data_size_bytes meaningful.
      HeapHistogram.controllersPid(controllers.port()).ifPresentOrElse(pid -> LOG.info("Controllers' heap at {} "
          + "clusters, largest classes:\n{}", clusters, HeapHistogram.capture(pid, Path.of("target",
          "fleet-benchmark", "heap-histogram-" + clusters + ".txt"), 18)),
          () -> LOG.warn("controllers JVM not found: no heap histogram"));
      peakLive.accumulate(HttpCalls.controllerMetrics(controllers.port()).sum("jvm_gc_live_data_size_bytes"));

      // Idle.
      Snapshot beforeIdle = snapshot(client, controlPlane, controllers);
      long idleStart = System.nanoTime();
      await("idle window").pollDelay(Duration.ofSeconds(idleSeconds)).atMost(Duration.ofSeconds(idleSeconds + 60))
          .until(() -> true);
      double idle = (System.nanoTime() - idleStart) / 1e9;
      Snapshot afterIdle = snapshot(client, controlPlane, controllers);

      // Teardown.
      long teardownStart = System.nanoTime();
      parallel(clusters, i -> HttpCalls.send(client, "DELETE", "/apis/slipway.dev/v1alpha1/namespaces/" + namespace
          + "/clusters/" + FleetManifests.clusterName(i), null, null));
      awaitPhase("teardown", () -> clusterCache.getIndexer().list().isEmpty()
          && nodepoolCache.getIndexer().list().isEmpty() && poolCache.getIndexer().list().isEmpty());
      double teardown = (System.nanoTime() - teardownStart) / 1e9;
      double eventsDropped = HttpCalls.controllerMetrics(controllers.port()).sum("slipway_events_dropped_total");

      Map<String, Double> idleWrites = PromText.delta(beforeIdle.writesByResource(), afterIdle.writesByResource());
      return new FleetReport.Size(clusters, nodepools, coldSeconds,
          PromText.delta(beforeCold.reconciles(), afterCold.reconciles()),
          PromText.delta(beforeCold.apiByVerb(), afterCold.apiByVerb()),
          PromText.delta(beforeCold.controllerByMethod(), afterCold.controllerByMethod()),
          afterCold.cpuSeconds() - beforeCold.cpuSeconds(), upgradeSeconds,
          PromText.delta(afterCold.reconciles(), afterUpgrade.reconciles()),
          afterUpgrade.cpuSeconds() - afterCold.cpuSeconds(), violations.get(), maxRollouts.get(), machinePools,
          cloudPools, idle, total(PromText.delta(beforeIdle.reconciles(), afterIdle.reconciles())) / idle,
          PromText.delta(beforeIdle.reconciles(), afterIdle.reconciles()),
          PromText.delta(beforeIdle.cloudByOperation(), afterIdle.cloudByOperation()), idleWrites,
          total(idleWrites) / idle, (afterIdle.cloudCalls() - beforeIdle.cloudCalls()) / idle,
          peakHeap.get() / (1024 * 1024), peakLive.get() / (1024 * 1024), load.took().toNanos() / 1e9,
          load.writes(), load.writesPerSecond(),
          coldSeconds / (load.took().toNanos() / 1e9), teardown, eventsDropped, loadCpu,
          minus(afterCold.serverCpu(), beforeCold.serverCpu()), minus(afterUpgrade.serverCpu(), afterCold.serverCpu()),
          PromText.delta(beforeCold.writesByResource(), afterCold.writesByResource()),
          afterCold.rateLimitWait() - beforeCold.rateLimitWait(),
          afterUpgrade.rateLimitWait() - afterCold.rateLimitWait(), afterCold.conflicts() - beforeCold.conflicts());
    } finally {
      informers.stopAllRegisteredInformers();
      sampler.shutdownNow();
      controllers.close();
    }
  }

  /**
   * Counters at one moment: the API server's, the controllers' own, CPU; writes are keyed by resource, with
   * {@code /subresource} when there is one.
   */
  private record Snapshot(Map<String, Double> apiByVerb, Map<String, Double> writesByResource,
      Map<String, Double> reconciles, Map<String, Double> controllerByMethod, double cpuSeconds, double cloudCalls,
      Map<String, Double> cloudByOperation, FleetReport.ServerCpu serverCpu, double rateLimitWait,
      double conflicts) {
  }

  private static Snapshot snapshot(ApiClient client, LocalControlPlane controlPlane, ControllerProcess controllers) {
    PromText server = HttpCalls.apiServerMetrics(client);
    PromText own = HttpCalls.controllerMetrics(controllers.port());
    Map<String, Double> writes = new java.util.TreeMap<>();
    server.samples("apiserver_request_total").forEach(sample -> {
      Map<String, String> l = sample.labels();
      if (List.of("POST", "PUT", "PATCH", "DELETE", "APPLY").contains(l.get("verb"))
          && !"leases".equals(l.get("resource")) && l.get("resource") != null) {
        String subresource = l.get("subresource");
        writes.merge(l.get("resource") + (subresource == null || subresource.isEmpty() ? "" : "/" + subresource),
            sample.value(), Double::sum);
      }
    });
    double cpu = own.sum("process_cpu_time_ns_total") / 1e9 + own.sum("process_cpu_seconds_total");
    return new Snapshot(server.sumBy("apiserver_request_total", "verb", l -> true), writes,
        own.sumBy("controller_runtime_reconcile_total", "controller", l -> true),
        own.sumBy("rest_client_requests_total", "method", l -> true), cpu,
        own.sum("slipway_cloud_requests_seconds_count"),
        own.sumBy("slipway_cloud_requests_seconds_count", "operation", l -> true),
        serverCpu(server, controlPlane), own.sum("rest_client_rate_limiter_duration_seconds_sum"),
        server.sum("apiserver_request_total", l -> "409".equals(l.get("code"))));
  }

  /** kube-apiserver's and etcd's CPU seconds so far. */
  private static FleetReport.ServerCpu serverCpu(ApiClient client, LocalControlPlane controlPlane) {
    return serverCpu(HttpCalls.apiServerMetrics(client), controlPlane);
  }

  private static FleetReport.ServerCpu serverCpu(PromText apiServer, LocalControlPlane controlPlane) {
    return new FleetReport.ServerCpu(apiServer.sum("process_cpu_seconds_total"),
        HttpCalls.metrics(controlPlane.etcdUrl() + "/metrics").sum("process_cpu_seconds_total"));
  }

  private static FleetReport.ServerCpu minus(FleetReport.ServerCpu after, FleetReport.ServerCpu before) {
    return new FleetReport.ServerCpu(after.apiServer() - before.apiServer(), after.etcd() - before.etcd());
  }

  private static double total(Map<String, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Every Cluster Ready at {@code version}, every Nodepool settled on a MachinePool of that version. */
  private boolean converged(SharedIndexInformer<Cluster> clusterCache, SharedIndexInformer<Nodepool> nodepoolCache,
      int clusters, String version, SharedIndexInformer<MachinePool> poolCache) {
    List<Cluster> all = clusterCache.getIndexer().list();
    if (all.size() != clusters || !all.stream().allMatch(c -> ready(c, c.getStatus() == null ? null
        : c.getStatus().conditions()) && version.equals(c.getStatus().version()))) {
      return false;
    }
    List<Nodepool> pools = nodepoolCache.getIndexer().list();
    if (pools.size() != clusters * nodepools) {
      return false;
    }
    Map<String, MachinePool> machinePools = new HashMap<>();
    poolCache.getIndexer().list().forEach(p -> machinePools.put(p.getMetadata().getName(), p));
    return pools.stream().allMatch(np -> {
      if (np.getStatus() == null || !ready(np, np.getStatus().conditions())
          || np.getStatus().targetMachinePool() != null || np.getStatus().activeMachinePool() == null
          || !Objects.equals(np.getStatus().observedGeneration(), np.getMetadata().getGeneration())) {
        return false;
      }
      MachinePool active = machinePools.get(np.getStatus().activeMachinePool().name());
      return active != null && active.getSpec().version().startsWith(version);
    });
  }

  private static boolean ready(SlipwayResource<?, ?> object, List<dev.slipway.api.v1alpha1.Condition> conditions) {
    return object != null && conditions != null && conditions.stream().anyMatch(c ->
        c.type().equals(ConditionTypes.READY) && c.status() == ConditionStatus.TRUE);
  }

  /**
   * One capacity sample: for each Nodepool, the ready machines of its MachinePools against its replicas; also the
   * most Nodepools of one Cluster rolling out at once.
   */
  private static void sampleCapacity(SharedIndexInformer<Nodepool> nodepoolCache,
      SharedIndexInformer<MachinePool> poolCache, AtomicInteger violations, AtomicInteger maxRollouts,
      AtomicReference<String> firstViolation) {
    Map<String, Integer> readyByNodepool = new HashMap<>();
    for (MachinePool pool : poolCache.getIndexer().list()) {
      String nodepool = pool.getMetadata().getLabels() == null ? null
          : pool.getMetadata().getLabels().get(Labels.NODEPOOL);
      if (nodepool != null && pool.getStatus() != null && pool.getStatus().readyReplicas() != null) {
        readyByNodepool.merge(nodepool, pool.getStatus().readyReplicas(), Integer::sum);
      }
    }
    Map<String, Integer> rolloutsByCluster = new HashMap<>();
    for (Nodepool nodepool : nodepoolCache.getIndexer().list()) {
      int ready = readyByNodepool.getOrDefault(nodepool.getMetadata().getName(), 0);
      int wanted = nodepool.getSpec().replicas() == null ? 0 : nodepool.getSpec().replicas();
      if (ready < wanted) {
        violations.incrementAndGet();
        firstViolation.compareAndSet(null, nodepool.getMetadata().getName() + ": " + ready + " ready of " + wanted);
      }
      if (nodepool.getStatus() != null && nodepool.getStatus().targetMachinePool() != null) {
        rolloutsByCluster.merge(nodepool.getSpec().clusterName(), 1, Integer::sum);
      }
    }
    rolloutsByCluster.values().forEach(n -> maxRollouts.accumulateAndGet(n, Math::max));
  }

  private void awaitPhase(String phase, java.util.concurrent.Callable<Boolean> done) {
    await(phase).atMost(phaseLimit).pollInterval(Duration.ofMillis(500)).until(done);
  }

  /** Runs {@code action} for 0..count-1 on {@link #writers} threads, as a GitOps tool applying a folder would. */
  private void parallel(int count, java.util.function.IntConsumer action) {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < writers; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            action.accept(i);
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T extends SlipwayResource<?, ?>, L extends io.kubernetes.client.common.KubernetesListObject>
      SharedIndexInformer<T> informer(SharedInformerFactory factory, ApiClient client, Class<T> type, Class<L> list,
      String plural, String namespace) {
    return factory.sharedIndexInformerFor(new GenericKubernetesApi<>(type, list, SlipwayResource.GROUP,
        SlipwayResource.VERSION, plural, client), type, 0, namespace);
  }

  private static void createNamespace(ApiClient client, String name) {
    HttpCalls.send(client, "POST", "/api/v1/namespaces", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
  }

}
