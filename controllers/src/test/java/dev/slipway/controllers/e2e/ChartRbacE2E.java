package dev.slipway.controllers.e2e;

import static dev.slipway.controllers.chart.SlipwayChart.metadata;
import static dev.slipway.controllers.chart.SlipwayChart.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.controllers.chart.ServerSideApply;
import dev.slipway.controllers.chart.SlipwayChart;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.AuthenticationV1TokenRequest;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1TokenRequestSpec;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The controllers under the Helm chart's ServiceAccount and RBAC, and nothing else: the chart is rendered by the real
 * helm; its ServiceAccount, ClusterRoles, ClusterRoleBinding, Role, RoleBinding and settings ConfigMap are applied for
 * real in the release namespace {@code slipway-system}; a token of the ServiceAccount comes from the TokenRequest API;
 * the controllers run as their own JVM with a kubeconfig holding only that token, and with the environment of the
 * chart's Deployment (Lease and settings ConfigMap in the release namespace). They reconcile the sim sample to Ready,
 * follow a settings change made the way {@code helm upgrade} makes it, and tear the sample down again; requests
 * outside the chart's RBAC are refused with 403; their log has no Forbidden.
 *
 * <p>The simulated cloud is a cloud: its Nodes and state live in the workload API server (here the same local server)
 * and it reaches them with its own kubeconfig ({@code slipway.providers.sim.workload-kubeconfig}, in a cluster the
 * Secret of {@code providers.sim.workloadKubeconfigSecret}), as a real provider uses cloud credentials. That is not
 * the management cluster's RBAC, so the chart grants the simulated cloud nothing.
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartRbacE2E {

  private static final Logger LOG = LoggerFactory.getLogger(ChartRbacE2E.class);
  private static final String RELEASE_NAMESPACE = "slipway-system";
  private static final String NAME = "slipway-controllers";
  private static final Duration CONVERGE = Duration.ofMinutes(3);
  /** What the chart's RBAC makes of the controllers' own resources in the release namespace. */
  private static final Set<String> APPLIED_KINDS = Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding",
      "Role", "RoleBinding", "ConfigMap");

  private final HttpClient http = HttpClient.newHttpClient();
  private SlipwayFixture fixture;
  private ControllerProcess controllers;
  private ApiClient asControllers;
  private List<Map<String, Object>> manifests;
  private ServerSideApply apply;

  @BeforeAll
  void installTheChartsRbacAndStartTheControllers(LocalControlPlane controlPlane, TestNamespace namespace)
      throws Exception {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    CoreV1Api admin = new CoreV1Api(fixture.client);
    try {
      admin.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(RELEASE_NAMESPACE))).execute();
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    manifests = render();
    apply = new ServerSideApply(fixture.client);
    for (Map<String, Object> manifest : manifests) {
      if (APPLIED_KINDS.contains(manifest.get("kind"))) {
        apply.apply(manifest);
      }
    }

    AuthenticationV1TokenRequest token = admin.createNamespacedServiceAccountToken(NAME, RELEASE_NAMESPACE,
        new AuthenticationV1TokenRequest().spec(new V1TokenRequestSpec()
            .audiences(List.of("https://kubernetes.default.svc.cluster.local")).expirationSeconds(3600L)))
        .execute();
    Path kubeconfig = writeTokenKubeconfig(controlPlane, token.getStatus().getToken());
    try (Reader reader = Files.newBufferedReader(kubeconfig)) {
      asControllers = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(reader)).build();
    }

    // Outside a pod Spring Cloud Kubernetes needs cloud-platform=kubernetes; the ConfigMap's name and namespace come
    // from the Deployment's environment as in a pod. The workload kubeconfig is the simulated cloud's, see above.
    Map<String, String> properties = new LinkedHashMap<>(
        ControllerProcess.settingsFromConfigMap(RELEASE_NAMESPACE, Duration.ofSeconds(2)));
    controllers = ControllerProcess.start("controllers-chart-rbac", controlPlane.directory(), kubeconfig,
        controlPlane.kubeconfig(), properties, deploymentEnvironment());
  }

  @AfterAll
  void stop() {
    if (controllers != null) {
      LOG.info("Controller log tail:\n{}", controllers.logTail(60));
      controllers.close();
    }
  }

  @Test
  @Order(1)
  void theSimSampleBecomesReadyUnderTheChartsServiceAccount() throws Exception {
    fixture.apply(Files.readString(ProjectLayout.samplesDirectory().resolve("sim-cluster.yaml")));

    fixture.awaitClusterReady("dev-sim", CONVERGE);
    for (String nodepool : List.of("dev-sim-system", "dev-sim-apps")) {
      fixture.awaitNodepoolSettled(nodepool, CONVERGE, np -> np.getStatus().readyReplicas() != null
          && np.getStatus().readyReplicas().equals(np.getSpec().replicas()));
    }
    List<MachinePool> pools = fixture.machinePools.list(fixture.namespace).getObject().getItems();
    assertThat(pools).hasSize(2).allSatisfy(pool ->
        assertThat(SlipwayFixture.ready(pool, pool.getStatus().conditions())).as(pool.getMetadata().getName())
            .isTrue());

    // The Lease and the settings are the chart's, in the release namespace, used through the Role.
    V1Lease lease = new CoordinationV1Api(fixture.client).readNamespacedLease(NAME, RELEASE_NAMESPACE).execute();
    assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
    JsonObject settings = operatorSettings(s -> true);
    assertThat(settings.get("source").getAsString()).startsWith("ConfigMap " + RELEASE_NAMESPACE + "/" + NAME);
    assertThat(settings.getAsJsonObject("live").get("controllers.resyncPeriod").getAsString())
        .as("the chart's ConfigMap with every setting at its default").isEqualTo("PT10M");
    assertThat(settings.getAsJsonObject("atStart").get("leaderElection.namespace").getAsString())
        .isEqualTo(RELEASE_NAMESPACE);
    assertThat(settings.getAsJsonObject("atStart").get("namespace").getAsString()).isEqualTo(fixture.namespace);
  }

  @Test
  @Order(2)
  void settingsChangedByAHelmUpgradeApplyWithoutARestart() throws Exception {
    // What `helm upgrade --set settings...` changes: the ConfigMap only (the Deployment's pod template is the same).
    List<Map<String, Object>> upgraded = render("--set", "settings.controllers.resync-period=3m");
    assertThat(ofKind(upgraded, "Deployment")).isEqualTo(ofKind(manifests, "Deployment"));
    apply.apply(SlipwayChart.one(upgraded, "ConfigMap", NAME));

    operatorSettings(s -> s.getAsJsonObject("live").get("controllers.resyncPeriod").getAsString().equals("PT3M"));
    assertThat(controllers.isAlive()).isTrue();
  }

  @Test
  @Order(3)
  void requestsOutsideTheChartsRbacAreRefused() throws Exception {
    CustomObjectsApi slipway = new CustomObjectsApi(asControllers);
    CoreV1Api core = new CoreV1Api(asControllers);
    Map<String, Object> cluster = SlipwayChart.documents(SlipwayFixture.simCluster("intruder")).get(0);

    assertForbidden("create a Cluster", () -> slipway.createNamespacedCustomObject(SlipwayResource.GROUP,
        SlipwayResource.VERSION, fixture.namespace, Cluster.PLURAL, cluster).execute());
    assertForbidden("delete a Cluster", () -> slipway.deleteNamespacedCustomObject(SlipwayResource.GROUP,
        SlipwayResource.VERSION, fixture.namespace, Cluster.PLURAL, "dev-sim").execute());
    assertForbidden("create a Nodepool", () -> slipway.createNamespacedCustomObject(SlipwayResource.GROUP,
        SlipwayResource.VERSION, fixture.namespace, Nodepool.PLURAL, Map.of("apiVersion",
            SlipwayResource.API_VERSION, "kind", Nodepool.KIND, "metadata", Map.of("name", "intruder"))).execute());
    assertForbidden("list Pods", () -> core.listNamespacedPod(fixture.namespace).execute());
    assertForbidden("list Nodes", () -> core.listNode().execute());
    assertForbidden("read a ConfigMap outside the release namespace",
        () -> core.readNamespacedConfigMap("kube-root-ca.crt", fixture.namespace).execute());
    assertForbidden("create a ConfigMap in the release namespace", () -> core.createNamespacedConfigMap(
        RELEASE_NAMESPACE, new V1ConfigMap().metadata(new V1ObjectMeta().name("intruder"))).execute());
    assertForbidden("create a Lease outside the release namespace", () -> new CoordinationV1Api(asControllers)
        .createNamespacedLease(fixture.namespace, new V1Lease().metadata(new V1ObjectMeta().name("intruder"))
            .spec(new V1LeaseSpec().holderIdentity("intruder"))).execute());

    // The same token is fine for what the RBAC grants, so the refusals above are RBAC, not a broken token.
    assertThat(slipway.listNamespacedCustomObject(SlipwayResource.GROUP, SlipwayResource.VERSION, fixture.namespace,
        Cluster.PLURAL).execute()).isNotNull();
    assertThat(slipway.listClusterCustomObject(SlipwayResource.GROUP, SlipwayResource.VERSION, Nodepool.PLURAL)
        .execute()).as("every namespace, as without watchNamespace").isNotNull();
    assertThat(core.readNamespacedConfigMap(NAME, RELEASE_NAMESPACE).execute().getData())
        .containsKey("application.yaml");
  }

  @Test
  @Order(4)
  void deletingTheClusterTearsEverythingDownUnderTheChartsServiceAccount() throws Exception {
    assertThat(fixture.clusters.delete(fixture.namespace, "dev-sim").isSuccess()).isTrue();

    await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).until(() -> fixture.cluster("dev-sim") == null
        && fixture.nodepools.list(fixture.namespace).getObject().getItems().isEmpty()
        && fixture.machinePools.list(fixture.namespace).getObject().getItems().isEmpty());
    assertThat(fixture.cloudHasCluster("dev-sim")).as("the simulated cloud still holds dev-sim").isFalse();
  }

  @Test
  @Order(5)
  void theControllersWereNeverForbiddenAnything() {
    String log = controllers.logTail(Integer.MAX_VALUE);

    assertThat(log).contains("Leading: starting controllers").doesNotContain("Forbidden");
    assertThat(controllers.isAlive()).isTrue();
  }

  /**
   * The environment of the chart's Deployment as the kubelet would give it to the container: values as rendered,
   * {@code fieldRef: metadata.namespace} resolved to the release namespace. JAVA_TOOL_OPTIONS is left out: it sizes the
   * heap from a container memory limit this process does not have.
   */
  private Map<String, String> deploymentEnvironment() {
    Map<String, Object> deployment = ofKind(manifests, "Deployment").get(0);
    assertThat(metadata(deployment).get("namespace")).isEqualTo(RELEASE_NAMESPACE);
    Map<String, String> environment = new LinkedHashMap<>();
    for (Map<String, Object> variable : containerEnv(deployment)) {
      String name = (String) variable.get("name");
      if (name.equals("JAVA_TOOL_OPTIONS")) {
        continue;
      }
      if (variable.containsKey("value")) {
        environment.put(name, String.valueOf(variable.get("value")));
      } else {
        assertThat(variable.toString()).as(name).contains("fieldPath=metadata.namespace");
        environment.put(name, RELEASE_NAMESPACE);
      }
    }
    assertThat(environment).containsEntry("SLIPWAY_LEADERELECTION_NAMESPACE", RELEASE_NAMESPACE)
        .containsEntry("SLIPWAY_LEADERELECTION_LEASENAME", NAME)
        .containsEntry("SPRING_CLOUD_KUBERNETES_CONFIG_NAME", NAME)
        .containsEntry("SLIPWAY_PROVIDERS_SIM_ENABLED", "true")
        .containsEntry("SLIPWAY_NAMESPACE", fixture.namespace);
    return environment;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> containerEnv(Map<String, Object> deployment) {
    Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
    Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    Map<String, Object> container = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
    return (List<Map<String, Object>>) container.get("env");
  }

  /** A kubeconfig for the same API server that authenticates with the ServiceAccount token only. */
  @SuppressWarnings("unchecked")
  private static Path writeTokenKubeconfig(LocalControlPlane controlPlane, String token) throws IOException {
    Map<String, Object> admin = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(controlPlane.kubeconfig()));
    Map<String, Object> cluster = (Map<String, Object>) ((List<Map<String, Object>>) admin.get("clusters")).get(0)
        .get("cluster");
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: management
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: slipway-controllers
          user:
            token: %s
        contexts:
        - name: slipway-controllers
          context:
            cluster: management
            user: slipway-controllers
        current-context: slipway-controllers
        """.formatted(cluster.get("server"), cluster.get("certificate-authority-data"), token);
    Path file = controlPlane.directory().resolve("chart-rbac-kubeconfig");
    Files.writeString(file, yaml);
    return file;
  }

  /** The chart rendered into the release namespace with the simulated cloud on, for this test's namespace only. */
  private List<Map<String, Object>> render(String... more) {
    List<String> args = new ArrayList<>(List.of("--set", "providers.sim.enabled=true",
        "--set", "watchNamespace=" + fixture.namespace));
    args.addAll(List.of(more));
    return SlipwayChart.render("slipway", RELEASE_NAMESPACE, args.toArray(new String[0]));
  }

  /** The operatorSettings section of /actuator/info, once it satisfies {@code condition}. */
  private JsonObject operatorSettings(Predicate<JsonObject> condition) {
    return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .failFast("the controllers exited", () -> !controllers.isAlive())
        .until(() -> {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + controllers.port() + "/actuator/info")).build(),
              HttpResponse.BodyHandlers.ofString());
          return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("operatorSettings");
        }, settings -> settings != null && condition.test(settings));
  }

  private interface ApiCall {
    void run() throws ApiException;
  }

  private static void assertForbidden(String what, ApiCall call) {
    assertThatThrownBy(call::run).as(what).isInstanceOfSatisfying(ApiException.class, e ->
        assertThat(e.getCode()).as(what + ": " + e.getResponseBody()).isEqualTo(403));
  }
}
