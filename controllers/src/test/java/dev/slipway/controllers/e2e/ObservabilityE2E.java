package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.RolloutStatus;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.controllers.gitops.ArgoHealth;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import dev.slipway.testing.prometheus.LocalPrometheus;
import dev.slipway.testing.prometheus.PromQueries;
import dev.slipway.testing.tools.Kstatus;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped observability, checked against the real thing: Debian's Prometheus scrapes the controllers (job
 * {@code slipway-controllers}, as the chart's ServiceMonitor names it) and evaluates the chart's rules while a
 * simulated nodepool is replaced under a PodDisruptionBudget and the simulated cloud throttles 5% of calls. Then
 * every PromQL expression of the three dashboards, every recording rule and every alert's signal must return data.
 *
 * <p>The same run captures live objects in three states (a Nodepool mid-rollout, objects Ready, a Cluster whose
 * provider is not configured) and runs the chart's Argo CD health checks (Lua, as Argo CD runs them) and kstatus
 * (the Go library Flux uses) on them: Progressing/InProgress, Healthy/Current and Degraded/Failed.
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityE2E {

  private static final Logger LOG = LoggerFactory.getLogger(ObservabilityE2E.class);
  private static final Path CHART = ProjectLayout.root().resolve("charts/slipway");
  private static final String JOB = "slipway-controllers";
  private static final Duration ROLLOUT = Duration.ofMinutes(4);

  private SlipwayFixture fixture;
  private ControllerProcess controllers;
  private LocalPrometheus prometheus;
  private String group;

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace) {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    group = namespace.name();
    controllers = fixture.startControllers("controllers-observability", Map.of(
        // The Lease name is the leader metric's name label, which the rules select.
        "slipway.leader-election.lease-name", JOB,
        "slipway.providers.sim.faults.throttling", "0.05",
        "slipway.providers.sim.faults.throttling-retry-after", "1s",
        // An Azure Cluster then stalls on ProviderNotConfigured: the Degraded case.
        "slipway.providers.azure.enabled", "false"));
    prometheus = LocalPrometheus.start(
        List.of(new LocalPrometheus.ScrapeTarget(JOB, "127.0.0.1:" + controllers.port(), "/actuator/prometheus")),
        List.of(CHART.resolve("rules/slipway-rules.yaml")), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @AfterAll
  void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (controllers != null) {
      LOG.info("Controller log tail:\n{}", controllers.logTail(40));
      controllers.close();
    }
  }

  @Test
  void dashboardsRulesAndHealthChecksReadARealRollout() throws Exception {
    fixture.apply(SlipwayFixture.simCluster("shop") + """
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        metadata:
          name: apps
        spec:
          clusterName: shop
          replicas: 2
          nodeLabels:
            e2e.slipway.dev/group: %s
          template:
            machineType: sim.large
            osImage: AL2
          rollout:
            drainTimeout: 5m
        ---
        apiVersion: slipway.dev/v1alpha1
        kind: Cluster
        metadata:
          name: elsewhere
        spec:
          provider: azure
          region: westeurope
          version: "1.33"
          azure:
            subscriptionId: 00000000-0000-0000-0000-000000000000
            resourceGroup: rg-elsewhere
        """.formatted(group));
    fixture.awaitNodepoolSettled("apps", ROLLOUT, np -> true);
    fixture.createWorkload("web", 4, Map.of("e2e.slipway.dev/group", group),
        new V1PodDisruptionBudgetSpec().minAvailable(new IntOrString(3)));

    Map<String, String> healthy = new LinkedHashMap<>();
    healthy.put("Cluster", raw("clusters", "shop"));
    healthy.put("Nodepool", raw("nodepools", "apps"));
    healthy.put("MachinePool", raw("machinepools", fixture.nodepool("apps").getStatus().activeMachinePool().name()));

    String oldPool = fixture.nodepool("apps").getStatus().activeMachinePool().name();
    fixture.editNodepool("apps", spec -> withOsImage(spec, OsImage.Bottlerocket));
    await().atMost(Duration.ofMinutes(1)).until(() -> rollingOut(fixture.nodepool("apps")));
    String rollingOut = raw("nodepools", "apps");
    fixture.awaitNodepoolSettled("apps", ROLLOUT, np -> !np.getStatus().activeMachinePool().name().equals(oldPool));
    String stalled = await().atMost(Duration.ofMinutes(1)).until(() -> raw("clusters", "elsewhere"),
        json -> json.contains("Stalled"));

    // Health checks on live objects.
    Kstatus kstatus = Kstatus.locate();
    List<String> objects = new ArrayList<>(healthy.values());
    objects.add(rollingOut);
    objects.add(stalled);
    List<Kstatus.Result> computed = kstatus.compute("[" + String.join(",", objects) + "]");
    assertThat(computed).extracting(Kstatus.Result::status)
        .containsExactly("Current", "Current", "Current", "InProgress", "Failed");
    healthy.forEach((kind, json) -> assertThat(argo(kind, json).status()).as(kind).isEqualTo("Healthy"));
    assertThat(argo("Nodepool", rollingOut).status()).isEqualTo("Progressing");
    ArgoHealth.Health degraded = argo("Cluster", stalled);
    assertThat(degraded.status()).isEqualTo("Degraded");
    assertThat(degraded.message()).contains("azure");

    // Prometheus has seen the rollout end; rates over [1m] need a few scrapes after it.
    await().atMost(Duration.ofMinutes(1)).until(() -> !prometheus.query("slipway_rollouts_finished_total{job=\""
        + JOB + "\",outcome=\"succeeded\",provider=\"sim\"} >= 1").samples().isEmpty());
    await().atMost(Duration.ofMinutes(1)).until(() -> !prometheus.query(
        "slipway_cloud_requests_seconds_count{outcome=\"throttled\"}").samples().isEmpty());

    // The rollout's own figures: one replacement of 2 nodes carrying 4 pods, new nodes measured from the pool's creation.
    assertThat(value("sum(slipway_rollouts_started_total{provider=\"sim\"})")).isEqualTo(1);
    assertThat(value("sum(slipway_rollouts_finished_total{provider=\"sim\",outcome=\"succeeded\"})")).isEqualTo(1);
    assertThat(value("sum(slipway_nodes_drained_total{provider=\"sim\"})")).isEqualTo(2);
    assertThat(value("sum(slipway_pods_evicted_total{provider=\"sim\"})")).isGreaterThanOrEqualTo(4);
    assertThat(value("sum(slipway_node_ready_seconds_count{provider=\"sim\"})")).as("first pool and new pool")
        .isEqualTo(4);
    assertThat(value("leader_election_master_status{name=\"" + JOB + "\"}")).isEqualTo(1);

    List<PromQueries.Query> queries = new ArrayList<>(PromQueries.fromDashboards(CHART.resolve("dashboards")));
    queries.addAll(PromQueries.fromRules(CHART.resolve("rules/slipway-rules.yaml")));
    assertThat(queries).hasSizeGreaterThan(30);
    List<String> withoutData = new ArrayList<>();
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
      withoutData.clear();
      for (PromQueries.Query query : queries) {
        if (prometheus.query(query.expr()).samples().isEmpty()) {
          withoutData.add(query.source() + ": " + query.expr());
        }
      }
      assertThat(withoutData).as("queries that returned no data").isEmpty();
    });
    // A query may fall back to 0 (or vector(0)) when its series is absent: so also every metric a query names must
    // exist in what Prometheus scraped (or recorded, for the rules' own series).
    SortedSet<String> names = new TreeSet<>();
    queries.forEach(query -> names.addAll(PromQueries.metricNames(query.expr())));
    List<String> missing = names.stream()
        .filter(name -> prometheus.query("count({__name__=\"" + name + "\"})").samples().isEmpty()).toList();
    assertThat(missing).as("metrics named by dashboards or rules that Prometheus does not have").isEmpty();
    LOG.info("{} dashboard and rule queries evaluated against Prometheus, all with data; {} metric names, all "
        + "present: {}", queries.size(), names.size(), names);
  }

  private double value(String promql) {
    List<LocalPrometheus.Sample> samples = prometheus.query(promql).samples();
    assertThat(samples).as(promql).hasSize(1);
    return samples.get(0).value();
  }

  private ArgoHealth.Health argo(String kind, String json) {
    return ArgoHealth.evaluate(CHART.resolve("health/argocd/slipway.dev_" + kind + ".lua"), json);
  }

  private static boolean rollingOut(Nodepool nodepool) {
    RolloutStatus rollout = nodepool.getStatus() == null ? null : nodepool.getStatus().rollout();
    return rollout != null && rollout.finishedAt() == null && rollout.startedAt() != null;
  }

  /** The object as the API server returns it, as JSON. */
  private String raw(String plural, String name) throws ApiException, IOException {
    okhttp3.Call call = new CustomObjectsApi(fixture.client).getNamespacedCustomObject(SlipwayResource.GROUP,
        SlipwayResource.VERSION, fixture.namespace, plural, name).buildCall(null);
    try (okhttp3.Response response = call.execute()) {
      assertThat(response.code()).as("GET %s %s", plural, name).isEqualTo(200);
      return response.body().string();
    }
  }

  private static NodepoolSpec withOsImage(NodepoolSpec spec, OsImage image) {
    MachineTemplate t = spec.template();
    return new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(), spec.autoscaling(),
        new MachineTemplate(t.machineType(), image, t.architecture(), t.diskSize(), t.diskType(), t.maxPods(),
            t.capacityType(), t.zones()), spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout());
  }
}
