package dev.slipway.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.fluent.RoleAssignmentsClient;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import com.azure.resourcemanager.authorization.models.RoleDefinition;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.MachineInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.Expander;
import com.azure.resourcemanager.containerservice.models.KubernetesCluster;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.ManagedClusterPropertiesAutoScalerProfile;
import com.azure.resourcemanager.containerservice.models.OSSku;
import com.azure.resourcemanager.containerservice.models.OSType;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.testing.azure.FakeArm;
import dev.slipway.testing.azure.Machine;
import dev.slipway.testing.ManualClock;
import dev.slipway.testing.azure.OperationRecord;
import dev.slipway.testing.azure.RecordedRequest;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

/**
 * Drives the real Azure SDK ({@code azure-resourcemanager-containerservice} and {@code -authorization}) over HTTPS
 * against {@link FakeArm}: the fake must answer what the SDK's clients and pollers expect. One fake for the class on a
 * hand-moved clock; each test works on its own clusters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FakeArmProtocolIT {

  private static final String SUBSCRIPTION = "3f2e4d5c-6b7a-4989-8a7b-6c5d4e3f2a1b";
  private static final String RESOURCE_GROUP = "Slipway-RG";
  private static final String LOCATION = "westeurope";
  private static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

  private ManualClock clock;
  private FakeArm fake;
  private ContainerServiceManager containerService;
  private AuthorizationManager authorization;
  private java.net.http.HttpClient plainClient;

  @BeforeAll
  void startFakeAndClients() throws Exception {
    // Note: a process-wide setting of the SDK; it makes LRO polls and the SDK's own backoffs short.
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(delay -> Duration.ofMillis(20));
    clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    fake = FakeArm.start(clock);
    SslContext sslContext = SslContextBuilder.forClient().trustManager(fake.certificatePem().toFile()).build();
    HttpClient httpClient = new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
        .secure(spec -> spec.sslContext(sslContext))).build();
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", fake.endpoint().toString());
    AzureProfile profile = new AzureProfile(fake.tenantId(), SUBSCRIPTION, new AzureEnvironment(endpoints));
    TokenCredential credential = request -> Mono.just(new AccessToken(fake.staticToken(),
        OffsetDateTime.now().plusHours(1)));
    containerService = ContainerServiceManager.configure().withHttpClient(httpClient)
        .authenticate(credential, profile);
    authorization = AuthorizationManager.configure().withHttpClient(httpClient).authenticate(credential, profile);
    plainClient = java.net.http.HttpClient.newBuilder().sslContext(trusting(fake)).build();
  }

  @AfterAll
  void stopFake() {
    fake.close();
  }

  @Test
  void blockingCreateOfAClusterCompletesThroughAzureAsyncOperationPolling() throws Exception {
    ManagedClusterInner spec = cluster("1.33", systemPool(2))
        .withAutoScalerProfile(new ManagedClusterPropertiesAutoScalerProfile().withExpander(Expander.LEAST_WASTE));

    ManagedClusterInner created = whileSdkPolls(() -> clusters().createOrUpdate(RESOURCE_GROUP, "blocking", spec),
        Duration.ofSeconds(2));

    assertThat(created.provisioningState()).isEqualTo("Succeeded");
    assertThat(created.kubernetesVersion()).isEqualTo("1.33");
    assertThat(created.currentKubernetesVersion()).startsWith("1.33.");
    assertThat(created.nodeResourceGroup()).isEqualTo("MC_" + RESOURCE_GROUP + "_blocking_" + LOCATION);
    assertThat(created.fqdn()).endsWith(".hcp." + LOCATION + ".azmk8s.io");
    assertThat(created.identityProfile().get("kubeletidentity").objectId()).isNotBlank();
    assertThat(created.identity().principalId()).isNotBlank();
    assertThat(created.autoScalerProfile().expander()).isEqualTo(Expander.LEAST_WASTE);
    assertThat(created.autoScalerProfile().scanInterval()).isEqualTo("10s");
    assertThat(created.autoScalerProfile().daemonsetEvictionForOccupiedNodes()).isTrue();
    assertThat(created.agentPoolProfiles()).singleElement()
        .satisfies(pool -> assertThat(pool.provisioningState()).isEqualTo("Succeeded"));
    List<RecordedRequest> log = fake.requests();
    assertThat(log).anySatisfy(r -> {
      assertThat(r.method()).isEqualTo("PUT");
      assertThat(r.path()).endsWith("/managedClusters/blocking");
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.apiVersion()).isEqualTo("2025-09-01");
    });
    assertThat(containerService.serviceClient().getManagedClusters().listByResourceGroup(RESOURCE_GROUP).stream()
        .map(ManagedClusterInner::name)).contains("blocking");
    KubernetesCluster fluent = containerService.kubernetesClusters().getByResourceGroup(RESOURCE_GROUP.toUpperCase(),
        "blocking");
    assertThat(fluent.resourceGroupName()).isEqualTo(RESOURCE_GROUP);
    assertThat(fluent.agentPools()).containsOnlyKeys("system");
    assertThat(new String(fluent.adminKubeConfigContent(), StandardCharsets.UTF_8)).contains(created.fqdn());
  }

  @Test
  void agentPoolOperationsAreLongRunningAndOneAtATimePerCluster() throws Exception {
    createCluster("pools");
    SyncPoller<PollResult<AgentPoolInner>, AgentPoolInner> poller =
        pools().beginCreateOrUpdate(RESOURCE_GROUP, "pools", "user1", userPool(2));

    assertThat(fake.requests()).last().satisfies(put -> {
      assertThat(put.method()).isEqualTo("PUT");
      assertThat(put.status()).isEqualTo(201);
    });
    PollResponse<PollResult<AgentPoolInner>> polled = poller.poll();
    assertThat(polled.getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
    assertThat(pools().get(RESOURCE_GROUP, "pools", "user1").provisioningState()).isEqualTo("Creating");
    assertThatThrownBy(() -> pools().beginCreateOrUpdate(RESOURCE_GROUP, "pools", "user2", userPool(1)))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
          assertThat(e.getValue().getCode()).isEqualTo("OperationNotAllowed");
          assertThat(e.getValue().getMessage()).contains("in progress create agent pool operation");
        });

    clock.advance(Duration.ofSeconds(2));
    AgentPoolInner pool = poller.getFinalResult();

    assertThat(pool.provisioningState()).isEqualTo("Succeeded");
    assertThat(pool.count()).isEqualTo(2);
    assertThat(pool.currentOrchestratorVersion()).startsWith("1.33.");
    assertThatThrownBy(() -> pools().beginDelete(RESOURCE_GROUP, "pools", "system"))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
          assertThat(e.getValue().getCode()).isEqualTo("OperationNotAllowed");
        });
    assertThatThrownBy(() -> pools().beginCreateOrUpdate(RESOURCE_GROUP, "pools", "user1",
        userPool(2).withVmSize("Standard_D8s_v5")))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getValue().getCode()).isEqualTo("PropertyChangeNotAllowed");
          assertThat(e.getValue().getMessage()).contains("vmSize");
        });
    List<OperationRecord> history = fake.operationHistory(SUBSCRIPTION, RESOURCE_GROUP, "pools");
    assertThat(history).hasSize(2).allSatisfy(op -> assertThat(op.status()).isEqualTo("Succeeded"));
    assertThat(history.get(0).overlaps(history.get(1))).isFalse();
  }

  @Test
  void throttlingAnswers429WithRetryAfterAndTheSdkRetries() throws Exception {
    fake.throttleNext(1, Duration.ofSeconds(7));
    HttpResponse<String> throttled = plainClient.send(HttpRequest.newBuilder(armUri("subscriptions/" + SUBSCRIPTION
        + "/resourceGroups/" + RESOURCE_GROUP + "/providers/Microsoft.ContainerService/managedClusters"
        + "?api-version=2025-09-01")).header("Authorization", "Bearer " + fake.staticToken()).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(throttled.headers().firstValue("x-ms-request-id")).isPresent();
    assertThat(throttled.headers().firstValue("x-ms-correlation-request-id")).isPresent();
    assertThat(errorCode(throttled.body())).isEqualTo("TooManyRequests");

    fake.throttleNext(1, Duration.ZERO);
    int before = fake.requests().size();
    clusters().listByResourceGroup(RESOURCE_GROUP).stream().count();
    assertThat(fake.requests().subList(before, fake.requests().size())).extracting(RecordedRequest::status)
        .startsWith(429, 200);
  }

  @Test
  void requestsWithoutATokenTheFakeIssuedAreRefused() throws Exception {
    HttpResponse<String> anonymous = plainClient.send(HttpRequest.newBuilder(armUri("subscriptions/" + SUBSCRIPTION
        + "/providers/Microsoft.ContainerService/managedClusters?api-version=2025-09-01")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("Bearer"));
    assertThat(errorCode(anonymous.body())).isEqualTo("AuthenticationFailed");
  }

  @Test
  void machinesAreScaleSetInstancesWhoseOrdinalsRepeatAcrossPools() throws Exception {
    createCluster("nodes");
    whileSdkPolls(() -> pools().createOrUpdate(RESOURCE_GROUP, "nodes", "user", userPool(3)),
        Duration.ofSeconds(2));
    fake.setPageSize(1);
    List<MachineInner> system;
    List<MachineInner> user;
    try {
      system = containerService.serviceClient().getMachines().list(RESOURCE_GROUP, "nodes", "system").stream()
          .toList();
      user = containerService.serviceClient().getMachines().list(RESOURCE_GROUP, "nodes", "user").stream().toList();
    } finally {
      fake.setPageSize(100);
    }

    assertThat(system).extracting(m -> ordinalOf(m.properties().resourceId())).containsExactly(0, 1);
    assertThat(user).extracting(m -> ordinalOf(m.properties().resourceId())).containsExactly(0, 1, 2);
    assertThat(user.get(0).name()).matches("aks-user-\\d{8}-vmss000000");
    assertThat(user.get(0).properties().resourceId()).contains("/resourceGroups/MC_" + RESOURCE_GROUP + "_nodes_")
        .contains("/virtualMachineScaleSets/" + user.get(0).name().replace("000000", "") + "/virtualMachines/0");
    assertThat(containerService.serviceClient().getMachines().get(RESOURCE_GROUP, "nodes", "user",
        user.get(2).name()).properties().resourceId()).endsWith("/virtualMachines/2");
    Machine bridgeView = fake.machines().stream().filter(m -> m.cluster().equals("nodes") && m.pool().equals("user"))
        .findFirst().orElseThrow();
    assertThat(bridgeView.providerId()).startsWith("azure:///subscriptions/" + SUBSCRIPTION
        + "/resourceGroups/mc_slipway-rg_nodes_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/");

    whileSdkPolls(() -> pools().createOrUpdate(RESOURCE_GROUP, "nodes", "user", userPool(1)), Duration.ofSeconds(1));
    whileSdkPolls(() -> pools().createOrUpdate(RESOURCE_GROUP, "nodes", "user", userPool(2)), Duration.ofSeconds(1));

    assertThat(containerService.serviceClient().getMachines().list(RESOURCE_GROUP, "nodes", "user").stream()
        .map(m -> ordinalOf(m.properties().resourceId()))).containsExactly(0, 3);
  }

  @Test
  void credentialsDecodeToKubeconfigsAndRotate() throws Exception {
    ManagedClustersClient clusters = clusters();
    clusters.beginCreateOrUpdate(RESOURCE_GROUP, "creds", cluster("1.32", systemPool(1)));
    assertThatThrownBy(() -> clusters.listClusterAdminCredentials(RESOURCE_GROUP, "creds"))
        .isInstanceOfSatisfying(ManagementException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(409));
    clock.advance(Duration.ofSeconds(2));

    String admin = kubeconfig(clusters.listClusterAdminCredentials(RESOURCE_GROUP, "creds").kubeconfigs().get(0)
        .value());
    String fqdn = clusters.getByResourceGroup(RESOURCE_GROUP, "creds").fqdn();
    assertThat(admin).contains("server: https://" + fqdn + ":443").contains("client-certificate-data:")
        .contains("current-context: creds-admin");
    assertThat(clusters.listClusterAdminCredentials(RESOURCE_GROUP, "creds").kubeconfigs().get(0).name())
        .isEqualTo("clusterAdmin");
    fake.rotateCredentials(SUBSCRIPTION, RESOURCE_GROUP, "creds");
    assertThat(kubeconfig(clusters.listClusterAdminCredentials(RESOURCE_GROUP, "creds").kubeconfigs().get(0)
        .value())).isNotEqualTo(admin);

    String registered = "apiVersion: v1\nkind: Config\nclusters: []\n";
    fake.kubeconfigFor(SUBSCRIPTION, RESOURCE_GROUP.toLowerCase(), "creds", registered);
    assertThat(clusters.listClusterUserCredentials(RESOURCE_GROUP, "creds").kubeconfigs().get(0).name())
        .isEqualTo("clusterUser");
    assertThat(kubeconfig(clusters.listClusterUserCredentials(RESOURCE_GROUP, "creds").kubeconfigs().get(0)
        .value())).startsWith(registered);
    assertThatThrownBy(() -> clusters.listClusterUserCredentials(RESOURCE_GROUP, "absent"))
        .isInstanceOfSatisfying(ManagementException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));
  }

  @Test
  void roleAssignmentsForTheKubeletIdentityOnARegistry() {
    fake.setPrincipalReplicationLag(Duration.ofSeconds(30));
    ManagedClusterInner created;
    try {
      created = createCluster("acr");
    } finally {
      fake.setPrincipalReplicationLag(Duration.ZERO);
    }
    String kubelet = created.identityProfile().get("kubeletidentity").objectId();
    String registry = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
        + "/providers/Microsoft.ContainerRegistry/registries/slipwayacr";
    fake.addRegistry(registry.toLowerCase());
    RoleDefinition acrPull = authorization.roleDefinitions().getByScopeAndRoleName(registry, "AcrPull");
    assertThat(acrPull.name()).isEqualTo(ACR_PULL);
    RoleAssignmentsClient assignments = authorization.roleServiceClient().getRoleAssignments();
    RoleAssignmentCreateParameters pull = new RoleAssignmentCreateParameters().withRoleDefinitionId(acrPull.id())
        .withPrincipalId(kubelet).withPrincipalType(PrincipalType.SERVICE_PRINCIPAL);
    String name = UUID.randomUUID().toString();

    assertThatThrownBy(() -> assignments.create(registry, name, pull))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
          assertThat(e.getValue().getCode()).isEqualTo("PrincipalNotFound");
        });
    clock.advance(Duration.ofSeconds(30));
    RoleAssignmentInner assignment = assignments.create(registry, name, pull);
    assertThat(assignment.principalId()).isEqualTo(kubelet);
    assertThat(assignment.roleDefinitionId()).endsWith(ACR_PULL);
    assertThat(assignments.create(registry, name, pull).name()).isEqualTo(name);
    assertThatThrownBy(() -> assignments.create(registry, UUID.randomUUID().toString(), pull))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
          assertThat(e.getValue().getCode()).isEqualTo("RoleAssignmentExists");
        });
    assertThatThrownBy(() -> assignments.create(registry.replace("slipwayacr", "otheracr"),
        UUID.randomUUID().toString(), pull))
        .isInstanceOfSatisfying(ManagementException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));
    // Note: the SDK sends $filter as given (encoded = true), so the caller encodes it.
    String filter = java.net.URLEncoder.encode("principalId eq '" + kubelet + "'", StandardCharsets.UTF_8)
        .replace("+", "%20");
    assertThat(assignments.listForScope(registry, filter, null, null,
        com.azure.core.util.Context.NONE).stream().map(RoleAssignmentInner::name)).containsExactly(name);

    whileSdkPolls(() -> {
      clusters().delete(RESOURCE_GROUP, "acr");
      return null;
    }, Duration.ofSeconds(1));
    assertThat(fake.roleAssignments()).anySatisfy(a -> assertThat(a.name()).isEqualTo(name));

    assertThat(assignments.delete(registry, name).name()).isEqualTo(name);
    assertThat(assignments.delete(registry, name)).isNull();
    assertThat(fake.roleAssignments()).noneSatisfy(a -> assertThat(a.name()).isEqualTo(name));
  }

  @Test
  void managedIdentityEndpointIssuesTokensArmAccepts() throws Exception {
    URI tokenUri = URI.create(fake.identityEndpoint() + "?resource="
        + java.net.URLEncoder.encode("https://management.azure.com/", StandardCharsets.UTF_8)
        + "&api-version=2019-08-01");
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(tokenUri).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> answered = http.send(HttpRequest.newBuilder(tokenUri)
        .header("X-IDENTITY-HEADER", fake.identityHeader()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(answered.statusCode()).isEqualTo(200);
    JsonObject token = JsonParser.parseString(answered.body()).getAsJsonObject();
    assertThat(token.get("token_type").getAsString()).isEqualTo("Bearer");
    assertThat(token.get("resource").getAsString()).isEqualTo("https://management.azure.com/");
    assertThat(token.get("client_id").getAsString()).isNotBlank();
    assertThat(Long.parseLong(token.get("expires_on").getAsString()))
        .isGreaterThan(Instant.now().getEpochSecond());
    HttpResponse<String> withToken = plainClient.send(HttpRequest.newBuilder(armUri("subscriptions/" + SUBSCRIPTION
        + "/providers/Microsoft.ContainerService/managedClusters?api-version=2025-09-01"))
        .header("Authorization", "Bearer " + token.get("access_token").getAsString()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).isEqualTo(200);

    Path tokenFile = Files.createTempFile("fake-arm-token", ".txt");
    Path childLog = Files.createTempFile("fake-arm-token-probe", ".log");
    ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ManagedIdentityTokenProbe.class.getName(),
        tokenFile.toString()).redirectErrorStream(true).redirectOutput(childLog.toFile());
    child.environment().keySet().removeIf(name -> name.startsWith("AZURE_") || name.startsWith("MSI_")
        || name.startsWith("IDENTITY_"));
    child.environment().put("IDENTITY_ENDPOINT", fake.identityEndpoint().toString());
    child.environment().put("IDENTITY_HEADER", fake.identityHeader());
    Process process = child.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(childLog)).isZero();
    HttpResponse<String> withSdkToken = plainClient.send(HttpRequest.newBuilder(armUri("subscriptions/"
        + SUBSCRIPTION + "/providers/Microsoft.ContainerService/managedClusters?api-version=2025-09-01"))
        .header("Authorization", "Bearer " + Files.readString(tokenFile).trim()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(withSdkToken.statusCode()).isEqualTo(200);
  }

  @Test
  void aFailedOperationFailsTheSdkPollerAndLeavesTheResourceFailed() {
    createCluster("failing");
    fake.failNextOperation("/agentPools/broken", "AllocationFailed", "Allocation failed: no capacity");

    assertThatThrownBy(() -> whileSdkPolls(() -> pools().createOrUpdate(RESOURCE_GROUP, "failing", "broken",
        userPool(1)), Duration.ofSeconds(2)))
        .hasRootCauseInstanceOf(ManagementException.class)
        .rootCause().satisfies(e -> assertThat(((ManagementException) e).getValue().getCode())
            .isEqualTo("AllocationFailed"));
    assertThat(pools().get(RESOURCE_GROUP, "failing", "broken").provisioningState()).isEqualTo("Failed");
  }

  @Test
  void deleteCompletesAndTheClusterIsGone() {
    createCluster("doomed");

    whileSdkPolls(() -> {
      clusters().delete(RESOURCE_GROUP, "doomed");
      return null;
    }, Duration.ofSeconds(1));

    assertThatThrownBy(() -> clusters().getByResourceGroup(RESOURCE_GROUP, "doomed"))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
          assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound");
        });
    assertThat(fake.machines()).noneSatisfy(m -> assertThat(m.cluster()).isEqualTo("doomed"));
    clusters().delete(RESOURCE_GROUP, "doomed");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private ManagedClustersClient clusters() {
    return containerService.serviceClient().getManagedClusters();
  }

  private AgentPoolsClient pools() {
    return containerService.serviceClient().getAgentPools();
  }

  private ManagedClusterInner createCluster(String name) {
    return whileSdkPolls(() -> clusters().createOrUpdate(RESOURCE_GROUP, name, cluster("1.33", systemPool(2))),
        Duration.ofSeconds(2));
  }

  /**
   * Runs a blocking SDK call that polls a long-running operation, lets it poll at least once while the operation
   * runs, then moves the clock by {@code latency} so that the operation completes, and returns the call's result.
   */
  private <T> T whileSdkPolls(Supplier<T> call, Duration latency) {
    int before = fake.requests().size();
    CompletableFuture<T> result = CompletableFuture.supplyAsync(call);
    await().atMost(Duration.ofSeconds(30)).until(() -> result.isDone() || fake.requests()
        .subList(before, fake.requests().size()).stream()
        .anyMatch(r -> r.method().equals("GET") && r.path().contains("/operations/")));
    clock.advance(latency);
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the SDK call failed", e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("the SDK call did not finish", e);
    }
  }

  private static ManagedClusterInner cluster(String version, ManagedClusterAgentPoolProfile... pools) {
    return new ManagedClusterInner().withLocation(LOCATION).withKubernetesVersion(version)
        .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.SYSTEM_ASSIGNED))
        .withAgentPoolProfiles(List.of(pools));
  }

  private static ManagedClusterAgentPoolProfile systemPool(int count) {
    return new ManagedClusterAgentPoolProfile().withName("system").withMode(AgentPoolMode.SYSTEM).withCount(count)
        .withVmSize("Standard_D4s_v5").withOsType(OSType.LINUX).withOsSku(OSSku.AZURE_LINUX)
        .withType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS);
  }

  private static AgentPoolInner userPool(int count) {
    return new AgentPoolInner().withMode(AgentPoolMode.USER).withCount(count).withVmSize("Standard_D4s_v5")
        .withOsType(OSType.LINUX).withOsSku(OSSku.UBUNTU).withTypePropertiesType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
        .withNodeLabels(Map.of("slipway.dev/pool", "user")).withNodeTaints(List.of("dedicated=user:NoSchedule"));
  }

  private static int ordinalOf(String resourceId) {
    return Integer.parseInt(resourceId.substring(resourceId.lastIndexOf('/') + 1));
  }

  private static String kubeconfig(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  private static String errorCode(String body) {
    return JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error").get("code").getAsString();
  }

  private URI armUri(String pathAndQuery) {
    return fake.endpoint().resolve(pathAndQuery);
  }

  private static SSLContext trusting(FakeArm fake) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(fake.certificatePem())) {
      trust.setCertificateEntry("fake-arm", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
