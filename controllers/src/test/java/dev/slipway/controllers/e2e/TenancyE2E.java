package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.slipway.api.v1alpha1.ChildResourceStatus;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.controllers.runtime.Labels;
import dev.slipway.controllers.workload.WorkloadClusters;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.Manifests;
import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AuthorizationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.AuthenticationV1TokenRequest;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1ResourceAttributes;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1SubjectAccessReview;
import io.kubernetes.client.openapi.models.V1SubjectAccessReviewSpec;
import io.kubernetes.client.openapi.models.V1TokenRequestSpec;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.Yaml;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Two teams on one Slipway, with real RBAC on the real API server: each team is a ServiceAccount bound to the
 * built-in {@code edit} ClusterRole in its own namespace (Slipway's slipway-edit aggregated into it by
 * kube-controller-manager), acting with a token from the TokenRequest API. One controller process serves both
 * namespaces. A team cannot read the other's kubeconfig Secret, cannot touch the other's Slipway objects or any
 * ProviderIdentity; objects naming the other team's cluster act only within their own namespace; a Cluster naming
 * an identity that does not allow its namespace gets no cloud call. Finally no secret value the run created appears
 * in the controllers' log.
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenancyE2E {

  private static final Logger LOG = LoggerFactory.getLogger(TenancyE2E.class);
  private static final Duration CONVERGE = Duration.ofMinutes(2);
  private static final String TEAM_A = "tenancy-team-a";
  private static final String TEAM_B = "tenancy-team-b";
  /** Allows team A by a namespace label, so the selector path and the Namespace cache are exercised. */
  private static final String IDENTITY_A = "tenancy-a-sim";
  /** Allows team B by name. */
  private static final String IDENTITY_B = "tenancy-b-sim";
  /** Created only while the test runs, to see Slipway follow identity and namespace-label changes. */
  private static final String IDENTITY_LATE = "tenancy-late-sim";
  private static final String TEAM_LABEL = "tenancy.slipway.dev/team";

  private SlipwayFixture fixture;
  private SlipwayFixture teamA;
  private SlipwayFixture teamB;
  private ControllerProcess controllers;
  private ApiClient asTeamA;
  private final List<String> secretValues = new ArrayList<>();

  @BeforeAll
  void twoTeamsAndOneSlipway(LocalControlPlane controlPlane, TestNamespace namespace) throws Exception {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    CoreV1Api admin = new CoreV1Api(fixture.client);
    installUserRoles();
    createIgnoringConflict(() -> admin.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(TEAM_A)
        .labels(Map.of(TEAM_LABEL, "a")))).execute());
    createIgnoringConflict(() -> admin.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(TEAM_B)))
        .execute());
    teamA = new SlipwayFixture(controlPlane, TEAM_A);
    teamB = new SlipwayFixture(controlPlane, TEAM_B);
    asTeamA = teamClient(controlPlane, TEAM_A);
    ApiClient asTeamB = teamClient(controlPlane, TEAM_B);

    createIdentity(IDENTITY_A, "tenancy-a", Map.of("selector", Map.of("matchLabels", Map.of(TEAM_LABEL, "a"))));
    createIdentity(IDENTITY_B, "tenancy-b", Map.of("list", List.of(TEAM_B)));

    // One Slipway for every namespace (slipway.namespace empty), its Lease in this class's namespace.
    controllers = fixture.startControllers("controllers-tenancy", Map.of("slipway.namespace", ""));

    Manifests.create(asTeamA, TEAM_A, cluster("app", IDENTITY_A));
    Manifests.create(asTeamB, TEAM_B, cluster("billing", IDENTITY_B));
    teamA.awaitClusterReady("app", CONVERGE);
    teamB.awaitClusterReady("billing", CONVERGE);
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
  void eachClusterIsCreatedAsItsOwnIdentity() throws ApiException {
    assertThat(accounts(teamA.cloudState("app"))).containsExactly("tenancy-a");
    assertThat(accounts(teamB.cloudState("billing"))).containsExactly("tenancy-b");
  }

  @Test
  @Order(2)
  void teamACannotReadTeamBsKubeconfigSecret() throws ApiException {
    CoreV1Api core = new CoreV1Api(asTeamA);
    String secretB = WorkloadClusters.secretName("billing");
    assertThat(new CoreV1Api(fixture.client).readNamespacedSecret(secretB, TEAM_B).execute()).isNotNull();

    assertForbidden("read team B's kubeconfig Secret", () -> core.readNamespacedSecret(secretB, TEAM_B).execute());
    assertForbidden("list team B's Secrets", () -> core.listNamespacedSecret(TEAM_B).execute());
    // The same token reads team A's own kubeconfig: the refusal above is RBAC, not a broken token.
    assertThat(core.readNamespacedSecret(WorkloadClusters.secretName("app"), TEAM_A).execute().getData())
        .containsKey(WorkloadClusters.KUBECONFIG_KEY);
  }

  @Test
  @Order(3)
  void teamACannotCreateOrChangeSlipwayObjectsInTeamBsNamespace() throws ApiException {
    Map<String, Object> stored = Manifests.get(fixture.client, TEAM_B, cluster("billing", IDENTITY_B));

    assertForbidden("create a Cluster in team B", () -> Manifests.create(asTeamA, TEAM_B, cluster("x", IDENTITY_B)));
    assertForbidden("replace team B's Cluster", () -> Manifests.replace(asTeamA, TEAM_B, stored));
    assertForbidden("read team B's Cluster", () -> Manifests.get(asTeamA, TEAM_B, stored));
    assertForbidden("create a Nodepool in team B", () -> Manifests.create(asTeamA, TEAM_B,
        nodepool("intruder", "billing")));
    assertForbidden("create a ClusterAdditionalConfig in team B", () -> Manifests.create(asTeamA, TEAM_B,
        additionalConfig("intruder", "billing")));
    assertForbidden("create a MachinePool even in team A (controller-owned)", () -> Manifests.create(asTeamA,
        TEAM_A, machinePool("intruder", "billing")));
  }

  @Test
  @Order(4)
  void objectsInTeamANamingTeamBsClusterActOnlyWithinTeamA() throws ApiException {
    JsonObject before = teamB.cloudState("billing");
    Manifests.create(asTeamA, TEAM_A, nodepool("steal", "billing"));
    Manifests.create(asTeamA, TEAM_A, additionalConfig("steal", "billing"));
    // Team A may not create MachinePools (see above); an admin's stands for a compromised or careless writer.
    Manifests.create(fixture.client, TEAM_A, machinePool("steal", "billing"));

    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(readyReason(teamA.nodepool("steal").getStatus() == null ? null
          : teamA.nodepool("steal").getStatus().conditions())).isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND);
      MachinePool pool = teamA.machinePool("steal");
      assertThat(readyReason(pool.getStatus() == null ? null : pool.getStatus().conditions()))
          .isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND);
      ChildResourceStatus config = teamA.additionalConfig("steal").getStatus();
      assertThat(readyReason(config == null ? null : config.conditions()))
          .isEqualTo(ConditionReasons.CLUSTER_NOT_FOUND);
    });
    assertThat(message(teamA.machinePool("steal").getStatus().conditions()))
        .contains("Cluster billing does not exist in namespace " + TEAM_A);
    JsonObject after = teamB.cloudState("billing");
    assertThat(after.getAsJsonObject("pools").keySet()).as("team B's cloud pools").isEmpty();
    assertThat(after.get("registryGrants")).as("team B's registry grants").isEqualTo(before.get("registryGrants"));
    assertThat(accounts(after)).as("only team B's identity ever acted on billing").containsExactly("tenancy-b");
    assertThat(teamA.cloudPools("billing")).as("nothing in the cloud under team A's name either").isEmpty();
  }

  @Test
  @Order(5)
  void aClusterNamingAnIdentityThatDoesNotAllowItsNamespaceGetsNoCloudCall() throws Exception {
    Manifests.create(asTeamA, TEAM_A, cluster("borrowed", IDENTITY_B));

    Cluster refused = awaitReadyReason(teamA, "borrowed", ConditionReasons.IDENTITY_NOT_ALLOWED);
    assertThat(message(refused.getStatus().conditions())).contains("ProviderIdentity " + IDENTITY_B)
        .contains("does not allow namespace " + TEAM_A);
    assertThat(condition(refused.getStatus().conditions(), ConditionTypes.STALLED).status())
        .isEqualTo(ConditionStatus.TRUE);
    await().atMost(Duration.ofSeconds(30)).until(() -> events(TEAM_A, "borrowed").stream()
        .anyMatch(e -> ConditionReasons.IDENTITY_NOT_ALLOWED.equals(e.getReason())
            && "Warning".equals(e.getType())));
    assertThat(teamA.cloudState("borrowed")).as("no cloud call created anything for borrowed").isNull();
    assertThat(accounts(teamB.cloudState("billing"))).as("team B's identity acted for billing only")
        .containsExactly("tenancy-b");
  }

  @Test
  @Order(6)
  void slipwayFollowsIdentityAndNamespaceLabelChanges() throws Exception {
    Manifests.create(asTeamA, TEAM_A, cluster("late", IDENTITY_LATE));
    awaitReadyReason(teamA, "late", ConditionReasons.IDENTITY_NOT_FOUND);
    assertThat(teamA.cloudState("late")).isNull();

    // The identity appears, allowing namespaces labelled shared=true: team A's namespace is not (yet).
    createIdentity(IDENTITY_LATE, "tenancy-late", Map.of("selector", Map.of("matchLabels",
        Map.of("tenancy.slipway.dev/shared", "true"))));
    awaitReadyReason(teamA, "late", ConditionReasons.IDENTITY_NOT_ALLOWED);
    assertThat(teamA.cloudState("late")).isNull();

    // A platform admin labels team A's namespace: the Namespace informer wakes the Cluster.
    CoreV1Api admin = new CoreV1Api(fixture.client);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      V1Namespace namespace = admin.readNamespace(TEAM_A).execute();
      namespace.getMetadata().getLabels().put("tenancy.slipway.dev/shared", "true");
      admin.replaceNamespace(TEAM_A, namespace).execute();
      return true;
    });
    teamA.awaitClusterReady("late", CONVERGE);
    assertThat(accounts(teamA.cloudState("late"))).containsExactly("tenancy-late");
  }

  @Test
  @Order(7)
  void teamACannotCreateOrChangeAProviderIdentity() throws ApiException {
    Map<String, Object> own = identity("tenancy-a-own", "team-a", Map.of());
    assertForbidden("create a ProviderIdentity", () -> Manifests.create(asTeamA, TEAM_A, own));
    Map<String, Object> stored = Manifests.get(fixture.client, null, identity(IDENTITY_B, "tenancy-b", Map.of()));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) stored.get("spec");
    spec.put("allowedNamespaces", Map.of());
    assertForbidden("widen team B's ProviderIdentity to every namespace",
        () -> Manifests.replace(asTeamA, TEAM_A, stored));
    assertForbidden("read a ProviderIdentity", () -> Manifests.get(asTeamA, TEAM_A, stored));
  }

  @Test
  @Order(8)
  void noSecretValueOfTheRunAppearsInTheControllersLog() throws Exception {
    CoreV1Api admin = new CoreV1Api(fixture.client);
    for (String namespace : List.of(TEAM_A, TEAM_B)) {
      for (V1Secret secret : admin.listNamespacedSecret(namespace).labelSelector(Labels.KUBECONFIG_SECRET)
          .execute().getItems()) {
        byte[] kubeconfig = secret.getData().get(WorkloadClusters.KUBECONFIG_KEY);
        secretValues.add(Base64.getEncoder().encodeToString(kubeconfig));
        secretValues.addAll(credentialsIn(new String(kubeconfig, StandardCharsets.UTF_8)));
      }
    }
    assertThat(secretValues).as("the kubeconfig Secrets of app, billing and late, and the team tokens")
        .hasSizeGreaterThanOrEqualTo(5);
    String log = controllers.logTail(Integer.MAX_VALUE);
    assertThat(log).as("the controllers' log").contains("Leading: starting controllers");

    for (String value : secretValues) {
      assertThat(log.contains(value)).as("a secret value of %d characters starting %s appears in the log",
          value.length(), value.substring(0, Math.min(6, value.length()))).isFalse();
    }
    assertThat(controllers.isAlive()).isTrue();
  }

  // ---- setup ----

  /** slipway-edit (aggregated into edit) and slipway-identity-admin, as config/rbac/user-roles.yaml has them. */
  private void installUserRoles() throws Exception {
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(fixture.client);
    for (Object object : Yaml.loadAll(ProjectLayout.root().resolve("config/rbac/user-roles.yaml").toFile())) {
      createIgnoringConflict(() -> rbac.createClusterRole((V1ClusterRole) object).execute());
    }
  }

  /**
   * A ServiceAccount of {@code namespace} bound to the built-in edit ClusterRole there, and a client that uses only
   * its token (TokenRequest API). Waits until aggregation has given edit Slipway's rules.
   */
  private ApiClient teamClient(LocalControlPlane controlPlane, String namespace) throws Exception {
    CoreV1Api admin = new CoreV1Api(fixture.client);
    createIgnoringConflict(() -> admin.createNamespacedServiceAccount(namespace, new V1ServiceAccount()
        .metadata(new V1ObjectMeta().name("team"))).execute());
    createIgnoringConflict(() -> new RbacAuthorizationV1Api(fixture.client).createNamespacedRoleBinding(namespace,
        new V1RoleBinding().metadata(new V1ObjectMeta().name("team-edit"))
            .roleRef(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name("edit"))
            .subjects(List.of(new RbacV1Subject().kind("ServiceAccount").name("team").namespace(namespace))))
        .execute());
    AuthenticationV1TokenRequest token = admin.createNamespacedServiceAccountToken("team", namespace,
        new AuthenticationV1TokenRequest().spec(new V1TokenRequestSpec()
            .audiences(List.of("https://kubernetes.default.svc.cluster.local")).expirationSeconds(3600L)))
        .execute();
    secretValues.add(token.getStatus().getToken());
    ApiClient client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(
        tokenKubeconfig(controlPlane, token.getStatus().getToken())))).build();
    String user = "system:serviceaccount:" + namespace + ":team";
    await().atMost(Duration.ofMinutes(1)).until(() -> new AuthorizationV1Api(fixture.client)
        .createSubjectAccessReview(new V1SubjectAccessReview().spec(new V1SubjectAccessReviewSpec().user(user)
            .groups(List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace))
            .resourceAttributes(new V1ResourceAttributes().verb("create").group("slipway.dev")
                .resource("nodepools").namespace(namespace))))
        .execute().getStatus().getAllowed());
    return client;
  }

  @SuppressWarnings("unchecked")
  private static String tokenKubeconfig(LocalControlPlane controlPlane, String token) throws IOException {
    Map<String, Object> admin = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(controlPlane.kubeconfig()));
    Map<String, Object> cluster = (Map<String, Object>) ((List<Map<String, Object>>) admin.get("clusters")).get(0)
        .get("cluster");
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: management
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: team
          user:
            token: %s
        contexts:
        - name: team
          context:
            cluster: management
            user: team
        current-context: team
        """.formatted(cluster.get("server"), cluster.get("certificate-authority-data"), token);
  }

  private void createIdentity(String name, String account, Map<String, Object> allowedNamespaces)
      throws ApiException {
    Manifests.create(fixture.client, null, identity(name, account, allowedNamespaces));
  }

  // ---- manifests ----

  private static Map<String, Object> identity(String name, String account, Map<String, Object> allowed) {
    return object("ProviderIdentity", name, Map.of("provider", "sim", "sim", Map.of("account", account),
        "allowedNamespaces", allowed));
  }

  private static Map<String, Object> cluster(String name, String identity) {
    return object("Cluster", name, Map.of("provider", "sim", "region", "sim-local-1", "version", "1.33",
        "sim", Map.of("latencyProfile", "Fast"), "identityRef", Map.of("name", identity)));
  }

  private static Map<String, Object> nodepool(String name, String cluster) {
    return object("Nodepool", name, Map.of("clusterName", cluster, "replicas", 1,
        "template", Map.of("machineType", "sim.medium", "osImage", "AL2")));
  }

  private static Map<String, Object> machinePool(String name, String cluster) {
    return object("MachinePool", name, Map.of("clusterName", cluster, "provider", "sim", "cloudPoolName", name,
        "version", "1.33", "replicas", 1, "template", Map.of("machineType", "sim.medium", "osImage", "AL2")));
  }

  private static Map<String, Object> additionalConfig(String name, String cluster) {
    return object("ClusterAdditionalConfig", name, Map.of("clusterName", cluster, "containerRegistries",
        List.of(Map.of("id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/"
            + "providers/Microsoft.ContainerRegistry/registries/teamacr"))));
  }

  private static Map<String, Object> object(String kind, String name, Map<String, Object> spec) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "slipway.dev/v1alpha1");
    object.put("kind", kind);
    object.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
    object.put("spec", new LinkedHashMap<>(spec));
    return object;
  }

  // ---- reading ----

  private Cluster awaitReadyReason(SlipwayFixture team, String name, String reason) {
    return await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(() -> team.cluster(name),
        c -> c != null && c.getStatus() != null && reason.equals(readyReason(c.getStatus().conditions())));
  }

  private List<CoreV1Event> events(String namespace, String name) throws ApiException {
    return new CoreV1Api(fixture.client).listNamespacedEvent(namespace)
        .fieldSelector("involvedObject.name=" + name).execute().getItems();
  }

  private static List<String> accounts(JsonObject state) {
    assertThat(state).as("simulated cloud state").isNotNull();
    JsonArray accounts = state.getAsJsonArray("accounts");
    List<String> names = new ArrayList<>();
    accounts.forEach(a -> names.add(a.getAsString()));
    return names;
  }

  private static String readyReason(List<Condition> conditions) {
    Condition ready = condition(conditions, ConditionTypes.READY);
    return ready == null ? null : ready.reason();
  }

  private static String message(List<Condition> conditions) {
    return condition(conditions, ConditionTypes.READY).message();
  }

  private static Condition condition(List<Condition> conditions, String type) {
    return conditions == null ? null : conditions.stream().filter(c -> c.type().equals(type)).findFirst()
        .orElse(null);
  }

  /** Credential values in a kubeconfig: tokens, client keys and certificates, passwords. */
  @SuppressWarnings("unchecked")
  private static List<String> credentialsIn(String kubeconfig) {
    Map<String, Object> parsed = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()))
        .load(kubeconfig);
    List<String> values = new ArrayList<>();
    for (Map<String, Object> user : (List<Map<String, Object>>) parsed.getOrDefault("users", List.of())) {
      Map<String, Object> fields = (Map<String, Object>) user.get("user");
      if (fields == null) {
        continue;
      }
      for (String key : List.of("token", "client-key-data", "client-certificate-data", "password")) {
        Object value = fields.get(key);
        if (value instanceof String s && !s.isBlank()) {
          values.add(s);
          if (key.endsWith("-data")) {
            // The PEM inside, line by line: a log could hold it decoded.
            new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8).lines()
                .filter(line -> line.length() > 40).forEach(values::add);
          }
        }
      }
    }
    return values;
  }

  private interface ApiCall {
    void run() throws ApiException;
  }

  private static void assertForbidden(String what, ApiCall call) {
    assertThatThrownBy(call::run).as(what).isInstanceOfSatisfying(ApiException.class, e ->
        assertThat(e.getCode()).as(what + ": " + e.getResponseBody()).isEqualTo(403));
  }

  private static void createIgnoringConflict(ApiCall call) throws ApiException {
    try {
      call.run();
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }
}
