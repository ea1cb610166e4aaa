package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfig;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfigSpec;
import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.ContainerRegistryAccess;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClusterAdditionalConfig controller against a real API server and the simulated cloud, with the controllers
 * running as their own process: a configuration with two registries and an autoscaler profile on a Ready sim
 * cluster is granted and applied in the cloud; dropping a registry revokes it; deleting the configuration revokes
 * everything and resets the profile before it goes. A configuration written before its Cluster exists waits, and is
 * woken when the Cluster becomes Ready.
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAdditionalConfigIT {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterAdditionalConfigIT.class);
  private static final Duration CONVERGE = Duration.ofMinutes(2);
  private static final String ACR = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/"
      + "providers/Microsoft.ContainerRegistry/registries/teamacr01";
  private static final String ECR = "arn:aws:ecr:eu-west-1:123456789012:repository/team/*";

  private SlipwayFixture fixture;
  private ControllerProcess controllers;

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace) {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    controllers = fixture.startControllers("controllers-additional-config");
    fixture.apply(SlipwayFixture.simCluster("shop"));
    fixture.awaitClusterReady("shop", CONVERGE);
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
  void grantsEveryRegistryAndAppliesTheProfile() throws ApiException {
    fixture.apply("""
        apiVersion: slipway.dev/v1alpha1
        kind: ClusterAdditionalConfig
        metadata:
          name: shop-extras
        spec:
          clusterName: shop
          containerRegistries:
          - id: %s
          - id: "%s"
          clusterAutoscaler:
            expander: least-waste
            balanceSimilarNodeGroups: true
            scanInterval: 10s
            scaleDownUnneededTime: 10m
        """.formatted(ACR, ECR));

    ClusterAdditionalConfig config = awaitSettled("shop-extras");

    assertThat(condition(config, ConditionTypes.REGISTRY_ACCESS_READY).status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(condition(config, ConditionTypes.AUTOSCALER_PROFILE_READY).status())
        .isEqualTo(ConditionStatus.TRUE);
    JsonObject cloud = fixture.cloudState("shop");
    assertThat(grants(cloud)).containsExactlyInAnyOrder(ACR, ECR);
    JsonObject profile = cloud.getAsJsonObject("autoscalerProfile");
    assertThat(profile.get("expander").getAsString()).isEqualTo("least-waste");
    assertThat(profile.get("balanceSimilarNodeGroups").getAsBoolean()).isTrue();
    assertThat(profile.get("scanInterval").getAsString()).isEqualTo("10s");
    assertThat(profile.get("scaleDownUnneededTime").getAsString()).isEqualTo("10m");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventReasons("shop-extras"))
        .contains("RegistryAccessGranted", "AutoscalerProfileApplied"));
  }

  @Test
  @Order(2)
  void aRegistryDroppedFromTheSpecIsRevoked() throws ApiException {
    fixture.editAdditionalConfig("shop-extras", spec -> new ClusterAdditionalConfigSpec(spec.clusterName(),
        List.of(new ContainerRegistryAccess(ACR)), spec.clusterAutoscaler()));

    await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
        .until(() -> grants(fixture.cloudState("shop")), grants -> grants.equals(Set.of(ACR)));
    ClusterAdditionalConfig config = awaitSettled("shop-extras");
    assertThat(condition(config, ConditionTypes.READY).status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(fixture.cloudState("shop").has("autoscalerProfile")).as("profile kept").isTrue();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventReasons("shop-extras"))
        .contains("RegistryAccessRevoked"));
  }

  @Test
  @Order(3)
  void deletingTheConfigRevokesEverythingAndResetsTheProfile() throws ApiException {
    assertThat(fixture.additionalConfigs().delete(fixture.namespace, "shop-extras").isSuccess()).isTrue();

    await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
        .until(() -> fixture.additionalConfig("shop-extras") == null);
    JsonObject cloud = fixture.cloudState("shop");
    assertThat(grants(cloud)).isEmpty();
    assertThat(cloud.has("autoscalerProfile") && !cloud.get("autoscalerProfile").isJsonNull())
        .as("autoscaler profile left in the cloud: %s", cloud).isFalse();
    assertThat(fixture.cluster("shop")).as("the Cluster is untouched").isNotNull();
  }

  @Test
  @Order(4)
  void aConfigWaitsForItsClusterAndIsWokenWhenItBecomesReady() throws ApiException {
    fixture.apply("""
        apiVersion: slipway.dev/v1alpha1
        kind: ClusterAdditionalConfig
        metadata:
          name: late-extras
        spec:
          clusterName: late
          containerRegistries:
          - id: %s
        """.formatted(ACR));
    await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(() -> readyReason("late-extras"),
        ConditionReasons.CLUSTER_NOT_FOUND::equals);

    fixture.apply(SlipwayFixture.simCluster("late"));

    // Only the Cluster's changes can wake the configuration in time: its resync is minutes away.
    ClusterAdditionalConfig config = awaitSettled("late-extras");
    assertThat(condition(config, ConditionTypes.READY).status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(grants(fixture.cloudState("late"))).containsExactly(ACR);

    // Deleting the Cluster deletes its configuration first, which revokes its grant, then the control plane.
    assertThat(fixture.clusters.delete(fixture.namespace, "late").isSuccess()).isTrue();
    await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
        .until(() -> fixture.cluster("late") == null && fixture.additionalConfig("late-extras") == null);
    assertThat(fixture.cloudHasCluster("late")).isFalse();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventReasons("late-extras"))
        .contains("RegistryAccessGranted", "RegistryAccessRevoked"));
  }

  private ClusterAdditionalConfig awaitSettled(String name) {
    return await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(() -> fixture.additionalConfig(name),
        c -> c != null && c.getStatus() != null && SlipwayFixture.ready(c, c.getStatus().conditions())
            && Objects.equals(c.getStatus().observedGeneration(), c.getMetadata().getGeneration()));
  }

  private String readyReason(String name) {
    ClusterAdditionalConfig config = fixture.additionalConfig(name);
    if (config == null || config.getStatus() == null) {
      return null;
    }
    Condition ready = condition(config, ConditionTypes.READY);
    return ready == null ? null : ready.reason();
  }

  private static Condition condition(ClusterAdditionalConfig config, String type) {
    return config.getStatus().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }

  private static Set<String> grants(JsonObject cloud) {
    Set<String> grants = new TreeSet<>();
    if (cloud != null && cloud.has("registryGrants")) {
      JsonArray array = cloud.getAsJsonArray("registryGrants");
      for (JsonElement element : array) {
        grants.add(element.getAsString());
      }
    }
    return grants;
  }

  private List<String> eventReasons(String name) throws ApiException {
    List<String> reasons = new ArrayList<>();
    for (CoreV1Event event : new CoreV1Api(fixture.client).listNamespacedEvent(fixture.namespace)
        .fieldSelector("involvedObject.kind=ClusterAdditionalConfig,involvedObject.name=" + name).execute()
        .getItems()) {
      reasons.add(event.getReason());
    }
    return reasons;
  }
}
