package dev.slipway.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Microsoft.Authorization provider driven with requests directly (no HTTP). */
class AuthorizationTest {

  private static final String SUB = "11111111-2222-3333-4444-555555555555";
  private static final String REGISTRY = "/subscriptions/" + SUB
      + "/resourceGroups/Team-RG/providers/Microsoft.ContainerRegistry/registries/teamacr";
  private static final String ACR_PULL = "/subscriptions/" + SUB
      + "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d";
  private static final String PRINCIPAL = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

  private final ContainerService aks = new ContainerService(URI.create("https://127.0.0.1:8443/"), new Faults(),
      "tenant", "ca", "cert", "key");
  private final Authorization authorization = new Authorization(aks, URI.create("https://127.0.0.1:8443/"));
  private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void anAssignmentIsCreatedOnceAndIdempotentUnderItsName() {
    authorization.addRegistry(REGISTRY.toUpperCase());
    authorization.registerPrincipal(PRINCIPAL);
    String name = UUID.randomUUID().toString();

    ArmResponse created = call("PUT", assignment(REGISTRY, name), body(ACR_PULL, PRINCIPAL));
    ArmResponse again = call("PUT", assignment(REGISTRY.toLowerCase(), name), body(ACR_PULL, PRINCIPAL));
    ArmResponse otherName = call("PUT", assignment(REGISTRY, UUID.randomUUID().toString()),
        body(ACR_PULL, PRINCIPAL));
    ArmResponse otherRole = call("PUT", assignment(REGISTRY, name), body(ACR_PULL.replace("7f951dda-4ed3-4680-a7ca-"
        + "43fe172d538d", "acdd72a7-3385-48ef-bd42-f606fba81ae7"), PRINCIPAL));

    assertThat(created.status()).isEqualTo(201);
    JsonObject properties = created.body().getAsJsonObject().getAsJsonObject("properties");
    assertThat(properties.get("scope").getAsString()).isEqualTo(REGISTRY);
    assertThat(properties.get("principalType").getAsString()).isEqualTo("ServicePrincipal");
    assertThat(created.body().getAsJsonObject().get("id").getAsString())
        .isEqualTo(REGISTRY + "/providers/Microsoft.Authorization/roleAssignments/" + name);
    assertThat(again.status()).isEqualTo(201);
    assertThat(otherName.status()).isEqualTo(409);
    assertThat(otherName.errorCode()).isEqualTo("RoleAssignmentExists");
    assertThat(otherRole.errorCode()).isEqualTo("RoleAssignmentUpdateNotPermitted");
    assertThat(authorization.roleAssignments()).singleElement()
        .satisfies(a -> assertThat(a.roleDefinitionId()).isEqualTo(ACR_PULL));
  }

  @Test
  void whatArmRefuses() {
    authorization.registerPrincipal(PRINCIPAL);

    assertThat(call("PUT", assignment(REGISTRY, "not-a-guid"), body(ACR_PULL, PRINCIPAL)).errorCode())
        .isEqualTo("InvalidRoleAssignmentId");
    ArmResponse unknownRegistry = call("PUT", assignment(REGISTRY, UUID.randomUUID().toString()),
        body(ACR_PULL, PRINCIPAL));
    assertThat(unknownRegistry.status()).isEqualTo(404);
    assertThat(unknownRegistry.errorCode()).isEqualTo("ResourceNotFound");
    authorization.addRegistry(REGISTRY);
    assertThat(call("PUT", assignment(REGISTRY, UUID.randomUUID().toString()),
        body(ACR_PULL, UUID.randomUUID().toString())).errorCode()).isEqualTo("PrincipalNotFound");
    assertThat(call("PUT", assignment(REGISTRY, UUID.randomUUID().toString()),
        body(ACR_PULL.replace("7f951dda", "00000000"), PRINCIPAL)).errorCode()).isEqualTo("RoleDefinitionDoesNotExist");
  }

  @Test
  void listsFilterByPrincipalAndScopeAndDeletionIsIdempotent() {
    authorization.addRegistry(REGISTRY);
    authorization.registerPrincipal(PRINCIPAL);
    String onRegistry = UUID.randomUUID().toString();
    String onSubscription = UUID.randomUUID().toString();
    call("PUT", assignment(REGISTRY, onRegistry), body(ACR_PULL, PRINCIPAL));
    call("PUT", assignment("/subscriptions/" + SUB, onSubscription), body(ACR_PULL, PRINCIPAL));

    assertThat(names(call("GET", "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleAssignments",
        null, "$filter=principalId%20eq%20'" + PRINCIPAL + "'"))).containsExactly(onRegistry, onSubscription);
    assertThat(names(call("GET", REGISTRY + "/providers/Microsoft.Authorization/roleAssignments", null,
        "$filter=atScope()"))).containsExactly(onRegistry, onSubscription);
    assertThat(names(call("GET", "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleAssignments",
        null, "$filter=atScope()"))).containsExactly(onSubscription);

    assertThat(call("DELETE", assignment(REGISTRY, onRegistry), null).status()).isEqualTo(200);
    assertThat(call("DELETE", assignment(REGISTRY, onRegistry), null).status()).isEqualTo(204);
    assertThat(call("GET", assignment(REGISTRY, onRegistry), null).errorCode()).isEqualTo("RoleAssignmentNotFound");
  }

  @Test
  void acrPullIsFoundByNameAtAnyScope() {
    authorization.addRegistry(REGISTRY);

    ArmResponse byName = call("GET", REGISTRY + "/providers/Microsoft.Authorization/roleDefinitions", null,
        "$filter=roleName%20eq%20'AcrPull'");
    ArmResponse byId = call("GET", REGISTRY + "/providers/Microsoft.Authorization/roleDefinitions/"
        + "7f951dda-4ed3-4680-a7ca-43fe172d538d", null);

    JsonObject role = byName.body().getAsJsonObject().getAsJsonArray("value").get(0).getAsJsonObject();
    assertThat(byName.body().getAsJsonObject().getAsJsonArray("value")).hasSize(1);
    assertThat(role.get("id").getAsString()).isEqualTo(ACR_PULL);
    assertThat(role.getAsJsonObject("properties").get("roleName").getAsString()).isEqualTo("AcrPull");
    assertThat(byId.body()).isEqualTo(role);
  }

  private ArmResponse call(String method, String path, String body) {
    return call(method, path, body, "");
  }

  private ArmResponse call(String method, String path, String body, String query) {
    try {
      ArmResponse response = authorization.handle(ArmRequest.of(method, path, "api-version=2022-04-01&" + query,
          Map.of(), body == null ? "" : body), now);
      assertThat(response).as("%s %s is routed", method, path).isNotNull();
      return response;
    } catch (ArmException e) {
      return ArmResponse.error(e);
    }
  }

  private static java.util.List<String> names(ArmResponse list) {
    return list.body().getAsJsonObject().getAsJsonArray("value").asList().stream()
        .map(e -> e.getAsJsonObject().get("name").getAsString()).toList();
  }

  private static String assignment(String scope, String name) {
    return scope + "/providers/Microsoft.Authorization/roleAssignments/" + name;
  }

  private static String body(String roleDefinitionId, String principalId) {
    return "{\"properties\":{\"roleDefinitionId\":\"" + roleDefinitionId + "\",\"principalId\":\"" + principalId
        + "\"}}";
  }
}
