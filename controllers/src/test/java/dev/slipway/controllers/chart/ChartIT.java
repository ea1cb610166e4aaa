package dev.slipway.controllers.chart;

import static dev.slipway.controllers.chart.SlipwayChart.metadata;
import static dev.slipway.controllers.chart.SlipwayChart.ofKind;
import static dev.slipway.controllers.chart.SlipwayChart.one;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controllers.runtime.SlipwayProperties;
import dev.slipway.provider.aws.AwsProperties;
import dev.slipway.provider.azure.AzureProperties;
import dev.slipway.provider.sim.SimProperties;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.Manifests;
import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import dev.slipway.testing.tools.ToolResult;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.util.Yaml;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The Helm chart against the real helm (built by hack/helm/build.sh) and a real kube-apiserver: {@code helm lint
 * --strict} and {@code helm template} with the defaults and with every optional feature on
 * ({@code values-everything.yaml}); every rendered manifest accepted by server-side apply in dry-run with strict field
 * validation (after the chart's own CRDs are installed for real, plus minimal fixture CRDs for the Prometheus
 * Operator's ServiceMonitor and PrometheusRule, see {@code resources/chart/monitoring-crds}); the controllers' pod
 * admitted under Pod Security "restricted"; values.schema.json refusing bad values with a message naming the field;
 * and the rendered security settings, RBAC and wiring checked field by field.
 */
@LocalKubernetes
class ChartIT {

  private static final String RELEASE = "slipway";
  private static final String DASHBOARDS_NAMESPACE = "slipway-everything-dashboards";

  private static String namespace;
  private static ServerSideApply apply;

  /** The two value sets every chart-wide test runs with. */
  static Stream<Arguments> valueSets() {
    return Stream.of(
        Arguments.of("defaults", new String[0]),
        Arguments.of("everything on", new String[] {"-f", SlipwayChart.testValues("values-everything.yaml")
            .toString()}));
  }

  @BeforeAll
  static void installCrdsAndNamespaces(LocalControlPlane controlPlane, ApiClient client, TestNamespace test)
      throws ApiException {
    namespace = test.name();
    apply = new ServerSideApply(client);
    // The CRDs as Helm installs them, from the chart's crds/ folder (the same files as config/crd/bases).
    controlPlane.installCrds(SlipwayChart.directory().resolve("crds"));
    controlPlane.installCrds(SlipwayChart.testValues("monitoring-crds"));
    CoreV1Api core = new CoreV1Api(client);
    // The release namespace enforces Pod Security "restricted": the controllers' pod must be admitted there.
    V1Namespace releaseNamespace = core.readNamespace(namespace).execute();
    releaseNamespace.getMetadata().putLabelsItem("pod-security.kubernetes.io/enforce", "restricted");
    core.replaceNamespace(namespace, releaseNamespace).execute();
    try {
      core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(DASHBOARDS_NAMESPACE))).execute();
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void lintStrictPasses(String name, String[] values) {
    ToolResult lint = SlipwayChart.lint(values);

    assertThat(lint.exitCode()).as("helm lint --strict (%s):%n%s%n%s", name, lint.stdout(), lint.stderr())
        .isZero();
    assertThat(lint.stdout()).contains("0 chart(s) failed").doesNotContain("[WARNING]").doesNotContain("[ERROR]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void everyRenderedManifestIsAcceptedByTheApiServer(String name, String[] values) {
    List<Map<String, Object>> manifests = SlipwayChart.render(RELEASE, namespace, values);
    List<String> refused = new ArrayList<>();
    for (Map<String, Object> manifest : manifests) {
      try {
        apply.dryRun(manifest);
      } catch (ApiException e) {
        refused.add(manifest.get("kind") + " " + metadata(manifest).get("name") + ": HTTP " + e.getCode() + " "
            + e.getResponseBody());
      }
    }

    assertThat(refused).as("manifests the API server refused (%s)", name).isEmpty();
    Set<String> kinds = new TreeSet<>();
    manifests.forEach(m -> kinds.add((String) m.get("kind")));
    assertThat(kinds).containsAll(List.of("ClusterRole", "ClusterRoleBinding", "ConfigMap", "Deployment", "Role",
        "RoleBinding", "Service", "ServiceAccount", "PodDisruptionBudget"));
    if (name.equals("everything on")) {
      assertThat(kinds).contains("ServiceMonitor", "NetworkPolicy");
      if (SlipwayChart.directory().resolve("templates/prometheusrule.yaml").toFile().exists()) {
        assertThat(kinds).contains("PrometheusRule");
      }
    } else {
      assertThat(kinds).doesNotContain("ServiceMonitor", "NetworkPolicy", "PrometheusRule");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void theControllersPodIsAdmittedUnderRestrictedPodSecurity(String name, String[] values) throws ApiException {
    List<Map<String, Object>> manifests = SlipwayChart.render(RELEASE, namespace, values);
    // The pod's ServiceAccount must exist for admission; the rest is a dry run.
    apply.apply(ofKind(manifests, "ServiceAccount").get(0));
    @SuppressWarnings("unchecked")
    Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) ofKind(manifests, "Deployment").get(0)
        .get("spec")).get("template");
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    Map<String, Object> podMetadata = new HashMap<>(metadataOf(template));
    podMetadata.put("name", "slipway-controllers-admission-check");
    podMetadata.put("namespace", namespace);
    pod.put("metadata", podMetadata);
    pod.put("spec", template.get("spec"));

    try {
      apply.dryRun(pod);
    } catch (ApiException e) {
      throw new AssertionError("the controllers' pod is refused in a namespace enforcing Pod Security 'restricted' ("
          + name + "): " + e.getResponseBody(), e);
    }
  }

  @ParameterizedTest(name = "{0} is refused naming {1}")
  @CsvSource(delimiter = '|', value = {
      "replicas=two                                   | at '/replicas': got string, want integer",
      "replica=2                                      | additional properties 'replica' not allowed",
      "serviceMonitor.scrapeInterval=30s              | additional properties 'scrapeInterval' not allowed",
      "leaderElection.leaseDuration=15 seconds        | at '/leaderElection/leaseDuration'",
      "settings.controllers.resync-period=10minutes   | at '/settings/controllers/resync-period'",
      "settings.controllers.resync-periode=10m        | additional properties 'resync-periode' not allowed",
      "serviceMonitor.interval=30 s                   | at '/serviceMonitor/interval'",
      "resources.limits.memory=1GB                    | at '/resources/limits/memory'",
      "image.pullPolicy=Sometimes                     | at '/image/pullPolicy'",
      "podAntiAffinity=maybe                          | at '/podAntiAffinity'",
      "providers.aws.retryMode=eager                  | at '/providers/aws/retryMode'",
  })
  void theSchemaRefusesBadValues(String set, String message) {
    ToolResult result = SlipwayChart.template(RELEASE, namespace, "--set", set);

    assertThat(result.exitCode()).as("helm template --set %s", set).isNotZero();
    assertThat(result.stderr()).contains("values don't meet the specifications of the schema").contains(message);
  }

  @Test
  void crossFieldRulesAreExplained() {
    ToolResult noElection = SlipwayChart.template(RELEASE, namespace, "--set", "replicas=2",
        "--set", "leaderElection.enabled=false");
    ToolResult noClientId = SlipwayChart.template(RELEASE, namespace,
        "--set", "providers.azure.workloadIdentity.enabled=true");

    assertThat(noElection.exitCode()).isNotZero();
    assertThat(noElection.stderr()).contains("leaderElection.enabled must be true when replicas > 1");
    assertThat(noClientId.exitCode()).isNotZero();
    assertThat(noClientId.stderr()).contains("providers.azure.workloadIdentity.clientId is required");
  }

  @Test
  void theDeploymentRunsTwoLockedDownReplicasWithProbesAndLeaderElection() {
    V1Deployment deployment = deployment(SlipwayChart.render(RELEASE, namespace));
    V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    V1Container container = pod.getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
    assertThat(pod.getHostNetwork()).isNull();
    assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getPrivileged()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    V1Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst().orElseThrow();
    assertThat(tmp.getEmptyDir()).isNotNull();
    assertThat(container.getVolumeMounts()).anyMatch(m -> m.getName().equals("tmp")
        && m.getMountPath().equals("/tmp"));
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
    assertThat(container.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http-metrics");
      assertThat(p.getContainerPort()).isEqualTo(8080);
    });
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKeys("memory");
    assertThat(env(container, "JAVA_TOOL_OPTIONS").getValue()).contains("-XX:MaxRAMPercentage=");
    assertThat(env(container, "SLIPWAY_LEADERELECTION_ENABLED").getValue()).isEqualTo("true");
    assertThat(env(container, "SLIPWAY_LEADERELECTION_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
        .as("the Lease lives in the release namespace, where the Role allows it").isEqualTo("metadata.namespace");
    assertThat(env(container, "SLIPWAY_LEADERELECTION_LEASENAME").getValue()).isEqualTo("slipway-controllers");
    assertThat(env(container, "SPRING_CLOUD_KUBERNETES_CONFIG_NAME").getValue()).isEqualTo("slipway-controllers");
    assertThat(env(container, "SPRING_CLOUD_KUBERNETES_CONFIG_NAMESPACE").getValueFrom().getFieldRef()
        .getFieldPath()).isEqualTo("metadata.namespace");
    assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
        .singleElement().satisfies(term -> assertThat(term.getPodAffinityTerm().getTopologyKey())
            .isEqualTo("kubernetes.io/hostname"));
    assertThat(pod.getTopologySpreadConstraints()).singleElement().satisfies(c -> {
      assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
      assertThat(c.getLabelSelector().getMatchLabels())
          .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    });
  }

  @Test
  void theDeploymentsEnvironmentBindsToTheControllersProperties() {
    V1Container container = deployment(SlipwayChart.render(RELEASE, namespace, "-f",
        SlipwayChart.testValues("values-everything.yaml").toString())).getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    Map<String, Object> environment = new HashMap<>();
    for (V1EnvVar variable : container.getEnv()) {
      // What the kubelet puts there: a fieldRef to metadata.namespace becomes the pod's namespace.
      environment.put(variable.getName(), variable.getValue() != null ? variable.getValue() : namespace);
    }
    // Spring Boot's own binding of environment variables, as in the controllers' process (the source's name makes
    // Spring map SLIPWAY_LEADERELECTION_NAMESPACE to slipway.leader-election.namespace).
    Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));

    SlipwayProperties slipway = binder.bind("slipway", SlipwayProperties.class).get();
    assertThat(slipway.namespace()).isEqualTo("team-a");
    assertThat(slipway.leaderElection()).isEqualTo(new SlipwayProperties.LeaderElection(true, namespace,
        "slipway-everything", Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofSeconds(3)));
    AwsProperties aws = binder.bind("slipway.providers.aws", AwsProperties.class).get();
    assertThat(aws).isEqualTo(new AwsProperties(true, null, Duration.ofSeconds(3), Duration.ofSeconds(20),
        Duration.ofSeconds(20), Duration.ofSeconds(45), AwsProperties.RetryMode.ADAPTIVE, 5, 100, null));
    AzureProperties azure = binder.bind("slipway.providers.azure", AzureProperties.class).get();
    assertThat(azure).isEqualTo(new AzureProperties(true, URI.create("https://management.usgovcloudapi.net/"), null,
        Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(10),
        Duration.ofMinutes(30)));
    SimProperties sim = binder.bind("slipway.providers.sim", SimProperties.class).get();
    assertThat(sim.enabled()).isTrue();
    assertThat(sim.seed()).isEqualTo(12345678901L);
    assertThat(sim.workloadKubeconfig()).isEqualTo(Path.of("/etc/slipway/sim/kubeconfig"));
    assertThat(container.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/etc/slipway/sim"));
    assertThat(binder.bind("server.port", Integer.class).get()).isEqualTo(9090);
    assertThat(binder.bind("spring.cloud.kubernetes.config.name", String.class).get())
        .isEqualTo("slipway-everything");
    assertThat(binder.bind("spring.cloud.kubernetes.config.namespace", String.class).get()).isEqualTo(namespace);
  }

  @Test
  void theRenderedRbacIsTheReviewedRbacInTheReleaseNamespace() {
    List<Map<String, Object>> manifests = SlipwayChart.render(RELEASE, namespace);
    Map<String, Object> clusterRole = one(manifests, "ClusterRole", "slipway-controllers");
    Map<String, Object> role = one(manifests, "Role", "slipway-controllers");

    assertThat(ChartRbacRulesTest.rules(clusterRole)).isEqualTo(reviewedRules("role.yaml", "ClusterRole",
        "slipway-controllers"));
    assertThat(ChartRbacRulesTest.rules(role)).isEqualTo(reviewedRules("leader-election-role.yaml", "Role",
        "slipway-controllers"));
    assertThat(ChartRbacRulesTest.rules(one(manifests, "ClusterRole", "slipway-edit")))
        .isEqualTo(reviewedRules("user-roles.yaml", "ClusterRole", "slipway-edit"));
    assertThat(ChartRbacRulesTest.rules(one(manifests, "ClusterRole", "slipway-view")))
        .isEqualTo(reviewedRules("user-roles.yaml", "ClusterRole", "slipway-view"));
    assertThat(ChartRbacRulesTest.rules(one(manifests, "ClusterRole", "slipway-identity-admin")))
        .isEqualTo(reviewedRules("user-roles.yaml", "ClusterRole", "slipway-identity-admin"));
    assertThat(metadata(one(manifests, "ClusterRole", "slipway-identity-admin")).get("labels"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .doesNotContainKeys("rbac.authorization.k8s.io/aggregate-to-edit",
            "rbac.authorization.k8s.io/aggregate-to-admin");
    assertThat(metadata(role).get("namespace")).isEqualTo(namespace);
    assertThat(metadata(one(manifests, "ConfigMap", "slipway-controllers")).get("namespace")).isEqualTo(namespace);
    for (String binding : List.of("ClusterRoleBinding", "RoleBinding")) {
      assertThat(one(manifests, binding, "slipway-controllers").get("subjects")).isEqualTo(List.of(Map.of(
          "kind", "ServiceAccount", "name", "slipway-controllers", "namespace", namespace)));
    }
    List<Map<String, Object>> withoutUserRoles = SlipwayChart.render(RELEASE, namespace,
        "--set", "rbac.userRoles=false");
    assertThat(ofKind(withoutUserRoles, "ClusterRole")).extracting(m -> metadata(m).get("name"))
        .containsExactly("slipway-controllers");
  }

  @Test
  void cloudIdentitiesComeFromValues() {
    List<Map<String, Object>> manifests = SlipwayChart.render(RELEASE, namespace, "-f",
        SlipwayChart.testValues("values-everything.yaml").toString());
    Map<String, Object> serviceAccount = one(manifests, "ServiceAccount", "slipway-sa");
    V1Deployment deployment = deployment(manifests);

    assertThat(metadata(serviceAccount).get("annotations")).isEqualTo(Map.of(
        "eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/slipway-controllers",
        "azure.workload.identity/client-id", "00000000-1111-2222-3333-444444444444",
        "azure.workload.identity/tenant-id", "55555555-6666-7777-8888-999999999999",
        "example.com/owner", "platform-team"));
    assertThat(serviceAccount.get("automountServiceAccountToken")).isEqualTo(false);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("azure.workload.identity/use", "true");
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("slipway-sa");
    assertThat(metadata(SlipwayChart.render(RELEASE, namespace).stream()
        .filter(m -> "ServiceAccount".equals(m.get("kind"))).findFirst().orElseThrow()).get("annotations"))
        .as("no identity annotations by default").isNull();
  }

  @Test
  void theServiceMonitorScrapesThePrometheusEndpointAsJobSlipwayControllers() {
    List<Map<String, Object>> manifests = SlipwayChart.render(RELEASE, namespace,
        "--set", "serviceMonitor.enabled=true");
    Map<String, Object> serviceMonitor = one(manifests, "ServiceMonitor", "slipway-controllers");
    Map<String, Object> service = one(manifests, "Service", "slipway-controllers");

    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) serviceMonitor.get("spec");
    @SuppressWarnings("unchecked")
    Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
    assertThat(endpoint).containsEntry("port", "http-metrics").containsEntry("path", "/actuator/prometheus")
        .containsEntry("interval", "30s").containsEntry("scrapeTimeout", "10s");
    assertThat(endpoint.get("relabelings")).isEqualTo(List.of(Map.of(
        "action", "replace", "targetLabel", "job", "replacement", "slipway-controllers")));
    @SuppressWarnings("unchecked")
    Map<String, Object> selector = (Map<String, Object>) ((Map<String, Object>) spec.get("selector"))
        .get("matchLabels");
    assertThat(metadata(service).get("labels")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsAllEntriesOf(selector);
    assertThat(service.get("spec")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .extractingByKey("ports").isEqualTo(List.of(Map.of("name", "http-metrics", "port", 8080,
            "targetPort", "http-metrics", "protocol", "TCP")));
  }

  @Test
  void aSingleReplicaGetsNoDisruptionBudget() {
    List<Map<String, Object>> single = SlipwayChart.render(RELEASE, namespace, "--set", "replicas=1");
    List<Map<String, Object>> two = SlipwayChart.render(RELEASE, namespace);

    assertThat(ofKind(single, "PodDisruptionBudget")).isEmpty();
    assertThat(one(two, "PodDisruptionBudget", "slipway-controllers").get("spec"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("minAvailable", 1);
  }

  private static List<Object> reviewedRules(String file, String kind, String name) {
    return ChartRbacRulesTest.rules(Manifests.load(ProjectLayout.root().resolve("config/rbac").resolve(file))
        .stream().filter(m -> kind.equals(m.get("kind")) && name.equals(metadata(m).get("name")))
        .findFirst().orElseThrow());
  }

  private static V1Deployment deployment(List<Map<String, Object>> manifests) {
    return Yaml.loadAs(Yaml.dump(ofKind(manifests, "Deployment").get(0)), V1Deployment.class);
  }

  private static V1EnvVar env(V1Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no environment variable " + name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadataOf(Map<String, Object> template) {
    return (Map<String, Object>) template.get("metadata");
  }
}
