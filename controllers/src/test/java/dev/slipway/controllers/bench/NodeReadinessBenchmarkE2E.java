package dev.slipway.controllers.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.controllers.e2e.ControllerProcess;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.ProjectLayout;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-readiness phase of the fleet benchmark (issue 7): how much latency Slipway adds to a node becoming usable.
 * On its own local control plane with KWOK (which marks registered Nodes Ready), the controllers run with the
 * Node-registering simulated cloud, whose kubelets register each Node at the time the cloud drew
 * ({@code SimKubelets}). One Cluster's single Nodepool, Ready at one node, is scaled out to {@code readiness-nodes}
 * in one patch; the registration times the cloud drew (its stored state), the Ready times seen by this test's own
 * watch and the times Slipway reported them (the MachinePool's {@code readyReplicas}) are compared at P50, P90 and
 * P99 ({@link ReadinessReport}). Figures are printed and written to
 * {@code target/fleet-benchmark/node-readiness.json}, never asserted; correctness is: every node reported, each
 * counted once in {@code slipway_node_ready_seconds}.
 *
 * <p>The default instance (CI) is 20 nodes drawn 2-5 s; {@code hack/fleet-benchmark.sh} runs 1,000 nodes drawn
 * 90-240 s (the range AKS and EKS nodes take).
 */
class NodeReadinessBenchmarkE2E {

  private static final Logger LOG = LoggerFactory.getLogger(NodeReadinessBenchmarkE2E.class);
  private static final String NAMESPACE = "readiness";
  private static final String CLUSTER = "r1";
  private static final String NODEPOOL = "r1-p0";

  private final int nodes = Integer.getInteger("slipway.bench.readiness-nodes", 20);
  private final String nodeReady = System.getProperty("slipway.bench.readiness-node-ready", "2s..5s");
  private final String stagger = System.getProperty("slipway.bench.readiness-stagger", "0ms..100ms");
  private final String heap = System.getProperty("slipway.bench.heap", "512m");
  private final Duration phaseLimit = Duration.ofMinutes(Integer.getInteger("slipway.bench.phase-limit-minutes", 30));

  @Test
  void aScaleOutIsReportedAsItsNodesBecomeReady() throws ApiException {
    try (LocalControlPlane controlPlane = LocalControlPlane.start(LocalControlPlane.Options.withWorkloads(
        "node-readiness"))) {
      controlPlane.installCrds(ProjectLayout.crdDirectory());
      ApiClient client = controlPlane.newApiClient();
      HttpCalls.send(client, "POST", "/api/v1/namespaces", "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}");
      ControllerProcess controllers = ControllerProcess.start("controllers-readiness", controlPlane.directory(),
          controlPlane.kubeconfig(), controlPlane.kubeconfig(), controllerProperties(), Map.of(),
          List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
      ApiClient watchClient = controlPlane.newApiClient();
      watchClient.setReadTimeout(0);
      SharedInformerFactory informers = new SharedInformerFactory(watchClient);
      try {
        NavigableMap<Instant, Integer> reports = new ConcurrentSkipListMap<>();
        Map<String, Instant> readySeen = new ConcurrentHashMap<>();
        SharedIndexInformer<MachinePool> machinePools = informers.sharedIndexInformerFor(new GenericKubernetesApi<>(
            MachinePool.class, MachinePool.List.class, SlipwayResource.GROUP, SlipwayResource.VERSION,
            MachinePool.PLURAL, watchClient), MachinePool.class, 0, NAMESPACE);
        machinePools.addEventHandler(handler(pool -> {
          if (pool.getStatus() != null && pool.getStatus().readyReplicas() != null) {
            reports.put(Instant.now(), pool.getStatus().readyReplicas());
          }
        }));
        SharedIndexInformer<Nodepool> nodepools = informers.sharedIndexInformerFor(new GenericKubernetesApi<>(
            Nodepool.class, Nodepool.List.class, SlipwayResource.GROUP, SlipwayResource.VERSION, Nodepool.PLURAL,
            watchClient), Nodepool.class, 0, NAMESPACE);
        SharedIndexInformer<V1Node> workloadNodes = informers.sharedIndexInformerFor(new GenericKubernetesApi<>(
            V1Node.class, V1NodeList.class, "", "v1", "nodes", watchClient), V1Node.class, 0);
        workloadNodes.addEventHandler(handler(node -> {
          if (isReady(node)) {
            readySeen.putIfAbsent(node.getMetadata().getName(), Instant.now());
          }
        }));
        informers.startAllRegisteredInformers();

        String base = "/apis/slipway.dev/v1alpha1/namespaces/" + NAMESPACE + "/";
        HttpCalls.send(client, "POST", base + "clusters", "application/json", """
            {"apiVersion":"slipway.dev/v1alpha1","kind":"Cluster","metadata":{"name":"%s"},
             "spec":{"provider":"sim","region":"sim-local-1","version":"1.33","sim":{"latencyProfile":"Fast"}}}"""
            .formatted(CLUSTER));
        HttpCalls.send(client, "POST", base + "nodepools", "application/json", """
            {"apiVersion":"slipway.dev/v1alpha1","kind":"Nodepool","metadata":{"name":"%s"},
             "spec":{"clusterName":"%s","replicas":1,"mode":"System",
                     "template":{"machineType":"sim.small","osImage":"AL2"}}}""".formatted(NODEPOOL, CLUSTER));
        await("the Nodepool Ready at one node").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
            .until(() -> nodepools.getIndexer().list().stream().anyMatch(NodeReadinessBenchmarkE2E::ready)
                && !readySeen.isEmpty());
        Map<String, Instant> before = Map.copyOf(readySeen);

        Instant request = Instant.now();
        HttpCalls.send(client, "PATCH", base + "nodepools/" + NODEPOOL, "application/merge-patch+json",
            "{\"spec\":{\"replicas\":" + nodes + "}}");
        await("every node reported Ready").atMost(phaseLimit).pollInterval(Duration.ofMillis(500))
            .until(() -> !reports.isEmpty() && reports.lastEntry().getValue() >= nodes
                && readySeen.size() >= nodes);
        LOG.info("Scale-out to {} nodes reported complete {} s after the request", nodes,
            ReadinessReport.seconds(request, reports.lastKey()));

        int added = nodes - before.size();
        JsonObject pool = cloudPool(controlPlane.apiClient());
        List<Double> drawn = new ArrayList<>();
        for (JsonElement machine : pool.getAsJsonArray("machines")) {
          Instant nodeAt = Instant.parse(machine.getAsJsonObject().get("nodeAt").getAsString());
          if (nodeAt.isAfter(request)) {
            drawn.add(ReadinessReport.seconds(request, nodeAt));
          }
        }
        Collections.sort(drawn);
        List<Double> nodeReadyTimes = new ArrayList<>();
        readySeen.forEach((name, at) -> {
          if (!before.containsKey(name)) {
            nodeReadyTimes.add(ReadinessReport.seconds(request, at));
          }
        });
        Collections.sort(nodeReadyTimes);
        double requestSent = ReadinessReport.seconds(request, Instant.parse(
            pool.getAsJsonObject("operation").get("startedAt").getAsString()));
        PromText metrics = HttpCalls.controllerMetrics(controllers.port());
        TreeMap<Double, Double> buckets = new TreeMap<>();
        metrics.sumBy("slipway_node_ready_seconds_bucket", "le", labels -> true).forEach((le, count) ->
            buckets.put("+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le), count));
        double observations = metrics.sum("slipway_node_ready_seconds_count");
        ReadinessReport report = new ReadinessReport(added, requestSent, drawn, nodeReadyTimes,
            ReadinessReport.reportedTimes(reports, request, before.size(), added),
            new ReadinessReport.Histogram(observations, ReadinessReport.bucketQuantile(buckets, 0.5),
                ReadinessReport.bucketQuantile(buckets, 0.9)));
        LOG.info("{}", report.table());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("nodes", nodes);
        settings.put("nodeReady", nodeReady);
        settings.put("scaleStagger", stagger);
        settings.put("controllerHeap", heap);
        settings.put("cores", Runtime.getRuntime().availableProcessors());
        report.write(Path.of("target", "fleet-benchmark"), settings);

        assertThat(drawn).as("registration times the cloud drew for the added machines").hasSize(added);
        assertThat(report.reported()).as("every added node reported by Slipway").hasSize(added);
        assertThat(observations).as("each node counted once in slipway_node_ready_seconds (the first one too)")
            .isEqualTo(nodes);
      } finally {
        informers.stopAllRegisteredInformers();
        controllers.close();
      }
    }
  }

  /** Production settings but for the simulated cloud's latency: the tests' quick poll and lease defaults dropped. */
  private Map<String, String> controllerProperties() {
    Map<String, String> properties = ProductionSettings.forNamespace(NAMESPACE);
    String[] ready = range(nodeReady);
    properties.put("slipway.providers.sim.latency.Fast.node-ready.min", ready[0]);
    properties.put("slipway.providers.sim.latency.Fast.node-ready.max", ready[1]);
    String[] perNode = range(stagger);
    properties.put("slipway.providers.sim.latency.Fast.scale-per-node.min", perNode[0]);
    properties.put("slipway.providers.sim.latency.Fast.scale-per-node.max", perNode[1]);
    return properties;
  }

  private static String[] range(String text) {
    String[] parts = text.split("\\.\\.");
    if (parts.length != 2) {
      throw new IllegalArgumentException("a range is min..max, e.g. 90s..240s; got " + text);
    }
    return parts;
  }

  /** The one cloud pool of the benchmark's Cluster, from the simulated cloud's stored state. */
  private static JsonObject cloudPool(ApiClient client) throws ApiException {
    String json = new CoreV1Api(client).readNamespacedConfigMap(NAMESPACE + "." + CLUSTER, "slipway-sim-cloud")
        .execute().getData().get("state.json");
    JsonObject pools = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("pools");
    assertThat(pools.size()).as("cloud pools of the benchmark's Cluster").isEqualTo(1);
    return pools.entrySet().iterator().next().getValue().getAsJsonObject();
  }

  private static boolean isReady(V1Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
            && "True".equals(c.getStatus()));
  }

  private static boolean ready(Nodepool nodepool) {
    return nodepool.getStatus() != null && nodepool.getStatus().conditions() != null
        && nodepool.getStatus().conditions().stream().anyMatch(c -> ConditionTypes.READY.equals(c.type())
            && c.status() == ConditionStatus.TRUE);
  }

  private static <T extends io.kubernetes.client.common.KubernetesObject> ResourceEventHandler<T> handler(
      java.util.function.Consumer<T> seen) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        seen.accept(object);
      }

      @Override
      public void onUpdate(T before, T after) {
        seen.accept(after);
      }

      @Override
      public void onDelete(T object, boolean unknownFinalStateUnknown) {
        // Nothing is deleted during the phase.
      }
    };
  }
}
