package dev.slipway.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Microsoft.ContainerService provider driven with requests directly (no HTTP) on a hand-moved time. */
class ContainerServiceTest {

  private static final String SUB = "11111111-2222-3333-4444-555555555555";
  private static final String CLUSTERS = "/subscriptions/" + SUB
      + "/resourceGroups/Team-RG/providers/Microsoft.ContainerService/managedClusters/";
  private static final String SYSTEM_POOL = "{\"name\":\"system\",\"mode\":\"System\",\"count\":2,"
      + "\"vmSize\":\"Standard_D4s_v5\"}";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final Faults faults = new Faults();
  private final ContainerService aks = new ContainerService(URI.create("https://127.0.0.1:8443/"), faults, "tenant",
      "ca", "cert", "key");
  private Instant now = T0;

  @Test
  void createIsAcceptedAtOnceAndCompletesOnTheFirstRequestAfterItsLatency() {
    ArmResponse created = call("PUT", CLUSTERS + "alpha", clusterBody("1.33", SYSTEM_POOL));

    assertThat(created.status()).isEqualTo(201);
    assertThat(properties(created).get("provisioningState").getAsString()).isEqualTo("Creating");
    String asyncOperation = created.headers().get("Azure-AsyncOperation");
    assertThat(asyncOperation).matches("https://127\\.0\\.0\\.1:8443/subscriptions/" + SUB
        + "/providers/Microsoft.ContainerService/locations/westeurope/operations/[0-9a-f-]{36}\\?api-version=.*");
    String operation = URI.create(asyncOperation).getPath();
    String location = URI.create(created.headers().get("Location")).getPath();

    now = T0.plusMillis(1999);
    assertThat(body(call("GET", operation, null)).get("status").getAsString()).isEqualTo("InProgress");
    assertThat(call("GET", location, null).status()).isEqualTo(202);
    assertThat(properties(call("GET", CLUSTERS + "ALPHA", null)).get("provisioningState").getAsString())
        .isEqualTo("Creating");
    assertThat(advanced().machines()).isEmpty();

    now = T0.plusSeconds(2);
    JsonObject status = body(call("GET", operation, null));
    assertThat(status.get("status").getAsString()).isEqualTo("Succeeded");
    assertThat(status.get("endTime").getAsString()).isEqualTo(T0.plusSeconds(2).toString());
    assertThat(call("GET", location, null).status()).isEqualTo(204);
    JsonObject cluster = properties(call("GET", CLUSTERS + "alpha", null));
    assertThat(cluster.get("provisioningState").getAsString()).isEqualTo("Succeeded");
    assertThat(cluster.get("currentKubernetesVersion").getAsString()).isEqualTo("1.33.3");
    assertThat(cluster.get("nodeResourceGroup").getAsString()).isEqualTo("MC_Team-RG_alpha_westeurope");
    assertThat(cluster.getAsJsonObject("autoScalerProfile").keySet()).hasSize(20);
    assertThat(advanced().machines()).extracting(Machine::nodeName)
        .allMatch(name -> name.matches("aks-system-\\d{8}-vmss00000[01]")).hasSize(2);
  }

  @Test
  void aClusterNeedsALocationAndASystemPool() {
    assertThat(call("PUT", CLUSTERS + "alpha", "{\"properties\":{\"agentPoolProfiles\":[" + SYSTEM_POOL + "]}}")
        .errorCode()).isEqualTo("LocationRequired");
    ArmResponse noSystemPool = call("PUT", CLUSTERS + "alpha", clusterBody("1.33",
        "{\"name\":\"user\",\"mode\":\"User\",\"count\":1}"));
    assertThat(noSystemPool.status()).isEqualTo(400);
    assertThat(noSystemPool.errorCode()).isEqualTo("InvalidParameter");
    assertThat(call("PUT", CLUSTERS + "alpha", clusterBody("1.33", "{\"name\":\"Bad-Name\",\"mode\":\"System\"}"))
        .errorCode()).isEqualTo("InvalidParameter");
    assertThat(advanced().clusters()).isEmpty();
  }

  @Test
  void oneOperationAtATimePerClusterWhateverItTargets() {
    call("PUT", CLUSTERS + "alpha", clusterBody("1.33", SYSTEM_POOL));

    ArmResponse pool = call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":1}}");
    assertThat(pool.status()).isEqualTo(409);
    assertThat(pool.errorCode()).isEqualTo("OperationNotAllowed");
    assertThat(errorMessage(pool)).contains("in progress create managed cluster operation")
        .contains("Please wait for it to finish");
    assertThat(call("DELETE", CLUSTERS + "alpha", null).status()).isEqualTo(409);

    now = now.plusSeconds(2);
    assertThat(call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":1}}").status())
        .isEqualTo(201);
    ArmResponse second = call("PUT", CLUSTERS + "alpha/agentPools/other", "{\"properties\":{\"count\":1}}");
    assertThat(errorMessage(second)).contains("in progress create agent pool operation on agent pool user");
    assertThat(call("PUT", CLUSTERS + "alpha", clusterBody("1.33", SYSTEM_POOL)).status()).isEqualTo(409);

    now = now.plusSeconds(2);
    List<OperationRecord> history = advanced().operationHistory(SUB, "team-rg", "ALPHA");
    assertThat(history).extracting(OperationRecord::kind)
        .containsExactly(OperationKind.CREATE_CLUSTER, OperationKind.CREATE_POOL);
    assertThat(history.get(0).overlaps(history.get(1))).isFalse();
    assertThat(advanced().inFlightOperations()).isEmpty();
  }

  @Test
  void anUpdateWithoutAgentPoolProfilesKeepsThePoolsAndUpgradesOneMinorAtATime() {
    createCluster("alpha", "1.32");
    call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":1}}");
    now = now.plusSeconds(2);

    assertThat(call("PUT", CLUSTERS + "alpha", "{\"location\":\"westeurope\",\"properties\":"
        + "{\"kubernetesVersion\":\"1.34\"}}").errorCode()).isEqualTo("OperationNotAllowed");
    assertThat(call("PUT", CLUSTERS + "alpha", "{\"location\":\"westeurope\",\"properties\":"
        + "{\"kubernetesVersion\":\"1.31\"}}").status()).isEqualTo(400);
    ArmResponse upgrade = call("PUT", CLUSTERS + "alpha", "{\"location\":\"West Europe\",\"properties\":"
        + "{\"kubernetesVersion\":\"1.33\"}}");

    assertThat(upgrade.status()).isEqualTo(200);
    assertThat(properties(upgrade).get("provisioningState").getAsString()).isEqualTo("Upgrading");
    assertThat(properties(upgrade).get("currentKubernetesVersion").getAsString()).isEqualTo("1.32.7");
    assertThat(properties(upgrade).getAsJsonArray("agentPoolProfiles")).hasSize(2);
    now = now.plusSeconds(2);
    JsonObject upgraded = properties(call("GET", CLUSTERS + "alpha", null));
    assertThat(upgraded.get("currentKubernetesVersion").getAsString()).isEqualTo("1.33.3");
    assertThat(advanced().agentPools(SUB, "Team-RG", "alpha")).extracting(AgentPoolSnapshot::currentOrchestratorVersion)
        .containsOnly("1.32.7");
    assertThat(call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"orchestratorVersion\":"
        + "\"1.33\"}}").status()).isEqualTo(200);
    assertThat(advanced().agentPools(SUB, "Team-RG", "alpha")).filteredOn(p -> p.name().equals("user"))
        .extracting(AgentPoolSnapshot::provisioningState).containsExactly("Upgrading");
  }

  @Test
  void scaleInRemovesTheHighestOrdinalsAndOrdinalsOnlyGrow() {
    createCluster("alpha", "1.33");
    call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":3,\"availabilityZones\":"
        + "[\"1\",\"2\",\"3\"]}}");
    now = now.plusSeconds(2);
    assertThat(ordinals("user")).containsExactly(0, 1, 2);
    assertThat(ordinals("system")).containsExactly(0, 1);
    assertThat(advanced().machines()).filteredOn(m -> m.pool().equals("user")).extracting(Machine::zone)
        .containsExactly("1", "2", "3");

    ArmResponse scaleIn = call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":1}}");
    assertThat(properties(scaleIn).get("provisioningState").getAsString()).isEqualTo("Scaling");
    assertThat(properties(scaleIn).get("count").getAsInt()).isEqualTo(1);
    assertThat(ordinals("user")).containsExactly(0, 1, 2);
    now = now.plusSeconds(1);
    assertThat(ordinals("user")).containsExactly(0);

    call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":3}}");
    now = now.plusSeconds(1);
    assertThat(ordinals("user")).containsExactly(0, 3, 4);
    JsonObject machines = body(call("GET", CLUSTERS + "alpha/agentPools/user/machines", null));
    assertThat(machines.getAsJsonArray("value")).hasSize(3);
    assertThat(machines.getAsJsonArray("value").get(1).getAsJsonObject().getAsJsonObject("properties")
        .get("resourceId").getAsString()).endsWith("-vmss/virtualMachines/3");
  }

  @Test
  void listsArePagedThroughAnAbsoluteNextLink() {
    createCluster("alpha", "1.33");
    aks.setPageSize(1);

    JsonObject first = body(call("GET", CLUSTERS + "alpha/agentPools/system/machines", null));

    assertThat(first.getAsJsonArray("value")).hasSize(1);
    URI next = URI.create(first.get("nextLink").getAsString());
    assertThat(next.getPath()).endsWith("/agentPools/system/machines");
    ArmResponse second = aks.handle(ArmRequest.of("GET", next.getRawPath(), next.getRawQuery(), Map.of(), ""), now);
    assertThat(body(second).getAsJsonArray("value")).hasSize(1);
    assertThat(body(second).has("nextLink")).isFalse();
  }

  @Test
  void theLastSystemPoolStays() {
    createCluster("alpha", "1.33");

    ArmResponse delete = call("DELETE", CLUSTERS + "alpha/agentPools/system", null);
    ArmResponse toUser = call("PUT", CLUSTERS + "alpha/agentPools/system", "{\"properties\":{\"mode\":\"User\"}}");

    assertThat(delete.status()).isEqualTo(400);
    assertThat(delete.errorCode()).isEqualTo("OperationNotAllowed");
    assertThat(errorMessage(delete)).contains("System");
    assertThat(toUser.errorCode()).isEqualTo("OperationNotAllowed");
    assertThat(call("DELETE", CLUSTERS + "alpha/agentPools/absent", null).status()).isEqualTo(204);
  }

  @Test
  void anAutoscaledPoolStaysAtMinCountUntilTheAutoscalerDecides() {
    createCluster("alpha", "1.33");
    call("PUT", CLUSTERS + "alpha/agentPools/auto", "{\"properties\":{\"enableAutoScaling\":true,\"minCount\":2,"
        + "\"maxCount\":6,\"count\":4}}");
    now = now.plusSeconds(2);
    assertThat(ordinals("auto")).hasSize(2);

    aks.setAutoscalerCount(SUB, "team-rg", "alpha", "auto", 5);
    assertThat(ordinals("auto")).hasSize(5);
    assertThat(call("PUT", CLUSTERS + "alpha/agentPools/auto", "{\"properties\":{\"count\":3}}").errorCode())
        .isEqualTo("InvalidParameter");
    call("PUT", CLUSTERS + "alpha/agentPools/auto", "{\"properties\":{\"nodeLabels\":{\"a\":\"b\"}}}");
    now = now.plusSeconds(1);
    assertThat(ordinals("auto")).hasSize(5);
  }

  @Test
  void anInjectedFailureEndsTheOperationFailedAndAnotherPutRepairsIt() {
    createCluster("alpha", "1.33");
    faults.failOperation("/agentPools/user", "AllocationFailed", "no capacity");

    ArmResponse accepted = call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":2}}");
    String operation = URI.create(accepted.headers().get("Azure-AsyncOperation")).getPath();
    assertThat(accepted.status()).isEqualTo(201);
    now = now.plusSeconds(2);

    JsonObject status = body(call("GET", operation, null));
    assertThat(status.get("status").getAsString()).isEqualTo("Failed");
    assertThat(status.getAsJsonObject("error").get("code").getAsString()).isEqualTo("AllocationFailed");
    assertThat(properties(call("GET", CLUSTERS + "alpha/agentPools/user", null)).get("provisioningState")
        .getAsString()).isEqualTo("Failed");
    assertThat(ordinals("user")).isEmpty();

    assertThat(call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":2}}").status())
        .isEqualTo(200);
    now = now.plusSeconds(1);
    assertThat(ordinals("user")).containsExactly(0, 1);
  }

  @Test
  void anOutOfBandDeletionCancelsTheOperationOnIt() {
    createCluster("alpha", "1.33");
    ArmResponse accepted = call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":2}}");

    aks.deletePoolOutOfBand(SUB, "Team-RG", "alpha", "user");
    now = now.plusSeconds(2);

    assertThat(body(call("GET", URI.create(accepted.headers().get("Azure-AsyncOperation")).getPath(), null))
        .get("status").getAsString()).isEqualTo("Canceled");
    assertThat(call("GET", CLUSTERS + "alpha/agentPools/user", null).status()).isEqualTo(404);
    assertThat(call("PUT", CLUSTERS + "alpha/agentPools/user", "{\"properties\":{\"count\":1}}").status())
        .isEqualTo(201);
  }

  @Test
  void credentialsWaitForTheClusterAndFollowRegistrationAndRotation() {
    call("PUT", CLUSTERS + "alpha", clusterBody("1.33", SYSTEM_POOL));
    assertThat(call("POST", CLUSTERS + "alpha/listClusterUserCredential", null).status()).isEqualTo(409);
    now = now.plusSeconds(2);

    String user = kubeconfig(call("POST", CLUSTERS + "alpha/listClusterUserCredential", null));
    assertThat(user).contains("name: clusterUser_Team-RG_alpha").contains("current-context: alpha\n");
    aks.registerKubeconfig(SUB, "team-rg", "alpha", "kind: Config\n");
    assertThat(kubeconfig(call("POST", CLUSTERS + "alpha/listClusterAdminCredential", null)))
        .isEqualTo("kind: Config\n");
    aks.rotateCredentials(SUB, "Team-RG", "alpha");
    assertThat(kubeconfig(call("POST", CLUSTERS + "alpha/listClusterAdminCredential", null)))
        .isEqualTo("kind: Config\n# fake-arm credential generation 1\n");
    assertThat(call("POST", CLUSTERS + "absent/listClusterAdminCredential", null).status()).isEqualTo(404);
  }

  @Test
  void localAccountsCanBeDisabled() {
    call("PUT", CLUSTERS + "alpha", clusterBody("1.33", SYSTEM_POOL).replace("\"kubernetesVersion\"",
        "\"disableLocalAccounts\":true,\"kubernetesVersion\""));
    now = now.plusSeconds(2);

    assertThat(call("POST", CLUSTERS + "alpha/listClusterAdminCredential", null).status()).isEqualTo(400);
    assertThat(call("POST", CLUSTERS + "alpha/listClusterUserCredential", null).status()).isEqualTo(200);
  }

  @Test
  void deletionTakesPoolsAndMachinesAndTheIdentitiesWithIt() {
    aks.setPrincipalReplicationLag(Duration.ofSeconds(10));
    createCluster("alpha", "1.33");
    ClusterSnapshot cluster = advanced().clusters().get(0);
    assertThat(advanced().principalVisible(cluster.kubeletObjectId(), now)).isFalse();
    now = now.plusSeconds(10);
    assertThat(advanced().principalVisible(cluster.kubeletObjectId(), now)).isTrue();

    ArmResponse delete = call("DELETE", CLUSTERS + "alpha", null);
    assertThat(delete.status()).isEqualTo(202);
    assertThat(delete.headers()).containsKeys("Location", "Azure-AsyncOperation");
    assertThat(properties(call("GET", CLUSTERS + "alpha", null)).get("provisioningState").getAsString())
        .isEqualTo("Deleting");
    now = now.plusSeconds(1);

    assertThat(call("GET", CLUSTERS + "alpha", null).errorCode()).isEqualTo("ResourceNotFound");
    assertThat(advanced().machines()).isEmpty();
    assertThat(advanced().principalVisible(cluster.kubeletObjectId(), now)).isFalse();
    assertThat(call("DELETE", CLUSTERS + "alpha", null).status()).isEqualTo(204);
    assertThat(advanced().operationHistory(SUB, "Team-RG", "alpha")).extracting(OperationRecord::status)
        .containsExactly("Succeeded", "Succeeded");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void createCluster(String name, String version) {
    assertThat(call("PUT", CLUSTERS + name, clusterBody(version, SYSTEM_POOL)).status()).isEqualTo(201);
    now = now.plusSeconds(2);
    assertThat(advanced().clusters()).anySatisfy(c -> assertThat(c.provisioningState()).isEqualTo("Succeeded"));
  }

  /** The provider after the time has moved to {@code now}, as the fake's snapshots see it. */
  private ContainerService advanced() {
    aks.advance(now);
    return aks;
  }

  private List<Integer> ordinals(String pool) {
    return advanced().machines().stream().filter(m -> m.pool().equals(pool)).map(Machine::ordinal).toList();
  }

  private ArmResponse call(String method, String path, String body) {
    aks.advance(now);
    try {
      ArmResponse response = aks.handle(ArmRequest.of(method, path, "api-version=2025-09-01", Map.of(),
          body == null ? "" : body), now);
      assertThat(response).as("%s %s is routed", method, path).isNotNull();
      return response;
    } catch (ArmException e) {
      return ArmResponse.error(e);
    }
  }

  private static String clusterBody(String version, String... pools) {
    return "{\"location\":\"westeurope\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{"
        + "\"kubernetesVersion\":\"" + version + "\",\"agentPoolProfiles\":[" + String.join(",", pools) + "]}}";
  }

  private static JsonObject body(ArmResponse response) {
    return response.body().getAsJsonObject();
  }

  private static JsonObject properties(ArmResponse response) {
    return body(response).getAsJsonObject("properties");
  }

  private static String errorMessage(ArmResponse response) {
    return body(response).getAsJsonObject("error").get("message").getAsString();
  }

  private static String kubeconfig(ArmResponse response) {
    String value = body(response).getAsJsonArray("kubeconfigs").get(0).getAsJsonObject().get("value").getAsString();
    return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }
}
