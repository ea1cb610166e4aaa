package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator settings come from the ConfigMap {@code slipway-controllers} through Spring Cloud Kubernetes, read with the
 * management kubeconfig, and follow it while the controllers run: the real controller process, the ConfigMap created,
 * changed and deleted, and what a user sees — {@code /actuator/info}, the log, the leader Lease — checked after each
 * step. The controllers are started outside a pod, so {@code spring.main.cloud-platform=kubernetes} stands in for the
 * pod's environment.
 */
@LocalKubernetes
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorSettingsIT {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorSettingsIT.class);
  private static final String CONFIG_MAP = "slipway-controllers";
  private static final Duration RELOAD = Duration.ofMinutes(1);

  private final HttpClient http = HttpClient.newHttpClient();
  private SlipwayFixture fixture;
  private CoreV1Api core;
  private ControllerProcess controllers;

  @BeforeAll
  void setUp(LocalControlPlane controlPlane, TestNamespace namespace) {
    fixture = new SlipwayFixture(controlPlane, namespace.name());
    core = new CoreV1Api(fixture.client);
  }

  @AfterEach
  void stopControllers() {
    if (controllers != null) {
      LOG.info("Controller log tail:\n{}", controllers.logTail(40));
      controllers.close();
      controllers = null;
    }
  }

  @Test
  @Order(1)
  void liveSettingsFollowTheConfigMapWithoutARestart() throws Exception {
    controllers = start("controllers-settings-live");

    // No ConfigMap: the process starts, leads, and runs on the defaults.
    JsonObject initial = awaitInfo(info -> live(info).get("controllers.resyncPeriod").getAsString().equals("PT10M"));
    assertThat(initial.get("source").getAsString())
        .startsWith("ConfigMap " + fixture.namespace + "/" + CONFIG_MAP + ", ")
        .contains("management kubeconfig");
    assertThat(atStart(initial).get("controllers.nodepoolWorkers").getAsInt()).isEqualTo(8);
    V1Lease lease = awaitLease();

    createConfigMap("""
        slipway:
          controllers:
            resync-period: 3m
            resync-jitter: 0.1
            nodepool-workers: 2
          client:
            qps: 20
        """);
    JsonObject reloaded = awaitInfo(info -> live(info).get("controllers.resyncPeriod").getAsString().equals("PT3M"));
    assertThat(live(reloaded).get("controllers.resyncJitter").getAsDouble()).isEqualTo(0.1);
    assertThat(live(reloaded).get("client.qps").getAsDouble()).isEqualTo(20.0);
    // Set on the command line, which outranks the ConfigMap.
    assertThat(live(reloaded).get("controllers.pollInterval").getAsString()).isEqualTo("PT1S");
    // Worker counts apply at start only.
    assertThat(atStart(reloaded).get("controllers.nodepoolWorkers").getAsInt()).isEqualTo(8);
    assertThat(controllers.logTail(400)).contains("Operator settings reloaded");

    replaceConfigMap("""
        slipway:
          controllers:
            resync-period: 7m
        """);
    JsonObject changed = awaitInfo(info -> live(info).get("controllers.resyncPeriod").getAsString().equals("PT7M"));
    assertThat(live(changed).get("client.qps").getAsDouble()).as("qps no longer set: default").isEqualTo(200.0);

    // A ConfigMap deleted while running: back to the defaults, still running.
    core.deleteNamespacedConfigMap(CONFIG_MAP, fixture.namespace).execute();
    awaitInfo(info -> live(info).get("controllers.resyncPeriod").getAsString().equals("PT10M"));

    // The same process and the same controllers throughout: no restart, no new leader identity or leadership.
    assertThat(controllers.isAlive()).isTrue();
    V1Lease after = awaitLease();
    assertThat(after.getSpec().getHolderIdentity()).isEqualTo(lease.getSpec().getHolderIdentity());
    assertThat(after.getSpec().getLeaseTransitions()).isEqualTo(lease.getSpec().getLeaseTransitions());
    assertThat(controllers.logTail(2000)).containsOnlyOnce("Started SlipwayApplication");
  }

  @Test
  @Order(2)
  void settingsPresentAtStartApplyIncludingWorkerCounts() throws Exception {
    createConfigMap("""
        slipway:
          controllers:
            resync-period: 4m
            nodepool-workers: 3
        """);
    controllers = start("controllers-settings-at-start");

    JsonObject info = awaitInfo(i -> atStart(i).get("controllers.nodepoolWorkers").getAsInt() == 3);
    assertThat(live(info).get("controllers.resyncPeriod").getAsString()).isEqualTo("PT4M");
    assertThat(controllers.logTail(2000)).contains("Operator settings at start, ConfigMap " + fixture.namespace + "/"
        + CONFIG_MAP);
  }

  private ControllerProcess start(String name) {
    return fixture.startControllers(name, ControllerProcess.settingsFromConfigMap(fixture.namespace,
        Duration.ofSeconds(1)));
  }

  private void createConfigMap(String yaml) throws ApiException {
    core.createNamespacedConfigMap(fixture.namespace, configMap(yaml)).execute();
  }

  private void replaceConfigMap(String yaml) throws ApiException {
    core.replaceNamespacedConfigMap(CONFIG_MAP, fixture.namespace, configMap(yaml)).execute();
  }

  private static V1ConfigMap configMap(String yaml) {
    return new V1ConfigMap().metadata(new V1ObjectMeta().name(CONFIG_MAP)).data(Map.of("application.yaml", yaml));
  }

  private V1Lease awaitLease() {
    return await().atMost(RELOAD).ignoreExceptions().until(() -> new CoordinationV1Api(fixture.client)
        .readNamespacedLease(fixture.leaseName(), fixture.namespace).execute(), lease ->
        lease.getSpec() != null && lease.getSpec().getHolderIdentity() != null);
  }

  private JsonObject awaitInfo(Predicate<JsonObject> condition) {
    return await().atMost(RELOAD).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .failFast("the controllers exited", () -> !controllers.isAlive())
        .until(this::info, condition);
  }

  private JsonObject info() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + controllers.port() + "/actuator/info")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("operatorSettings");
  }

  private static JsonObject live(JsonObject settings) {
    return settings.getAsJsonObject("live");
  }

  private static JsonObject atStart(JsonObject settings) {
    return settings.getAsJsonObject("atStart");
  }
}
