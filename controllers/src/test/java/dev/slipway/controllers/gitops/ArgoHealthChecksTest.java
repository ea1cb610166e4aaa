package dev.slipway.controllers.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.api.v1alpha1.ChildResourceStatus;
import dev.slipway.api.v1alpha1.ClusterStatus;
import dev.slipway.api.v1alpha1.MachinePoolStatus;
import dev.slipway.api.v1alpha1.NodepoolStatus;
import dev.slipway.controllers.gitops.ArgoHealth.Health;
import dev.slipway.testing.controlplane.ProjectLayout;
import io.kubernetes.client.openapi.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chart's Argo CD health checks ({@code charts/slipway/health/argocd/slipway.dev_<Kind>.lua}) run through
 * {@link ArgoHealth} against objects shaped as the API server returns them: metadata with generation (and
 * deletionTimestamp while deleting), and a status in exactly the shape the controllers write, checked by a round trip
 * through the status record of each kind and client-java's JSON (the serializer the controllers write status with).
 */
class ArgoHealthChecksTest {

  private static final Path HEALTH_CHECKS = ProjectLayout.root().resolve("charts/slipway/health/argocd");
  /** client-java writes times with microseconds, and the API server keeps them as written. */
  private static final String NOW = "2025-11-20T10:15:30.000000Z";

  /** The four kinds, each with its status record and a realistic status beside the conditions. */
  enum Kind {
    CLUSTER("Cluster", ClusterStatus.class, """
        {"phase": "Ready", "version": "1.33.2", "endpoint": "https://127.0.0.1:6443",
         "kubeconfigSecretRef": {"name": "dev-sim-kubeconfig"},
         "cloudResourceId": "/subscriptions/sim/resourceGroups/team-a_dev-sim/providers/Sim.ContainerService/x"}
        """),
    NODEPOOL("Nodepool", NodepoolStatus.class, """
        {"phase": "Ready",
         "activeMachinePool": {"apiVersion": "slipway.dev/v1alpha1", "kind": "MachinePool",
                               "name": "dev-sim-apps-5d8f2c7a", "uid": "6f1c2d3e-0000-4000-8000-000000000001"},
         "templateHash": "v1-5d8f2c7a", "version": "1.33", "replicas": 3, "readyReplicas": 3,
         "rollout": {"step": "Complete", "targetTemplateHash": "v1-5d8f2c7a", "startedAt": "2025-11-20T10:00:00.000000Z",
                     "finishedAt": "2025-11-20T10:05:00.000000Z",
                     "nodesTotal": 3, "nodesCordoned": 3, "nodesDrained": 3}}
        """),
    MACHINE_POOL("MachinePool", MachinePoolStatus.class, """
        {"phase": "Ready",
         "cloudResourceId": "/subscriptions/sim/resourceGroups/team-a_dev-sim/agentPools/apps5d8f",
         "provisioningState": "Succeeded",
         "providerIDList": ["sim:///subscriptions/sim/resourceGroups/rg/virtualMachineScaleSets/apps/virtualMachines/0"],
         "replicas": 1, "readyReplicas": 1,
         "nodeRefs": [{"name": "sim-3fa2c1-apps5d8f-vmss000000", "uid": "6f1c2d3e-0000-4000-8000-000000000002",
                       "providerID": "sim:///subscriptions/sim/resourceGroups/rg/virtualMachineScaleSets/apps/virtualMachines/0"}]}
        """),
    CLUSTER_ADDITIONAL_CONFIG("ClusterAdditionalConfig", ChildResourceStatus.class, """
        {"children": [{"apiVersion": "slipway.dev/v1alpha1", "kind": "AzureRoleAssignment",
                       "name": "dev-aks-acr-1a2b3c", "uid": "6f1c2d3e-0000-4000-8000-000000000003"}]}
        """);

    final String name;
    final Class<?> statusType;
    final String statusFields;

    Kind(String name, Class<?> statusType, String statusFields) {
      this.name = name;
      this.statusType = statusType;
      this.statusFields = statusFields;
    }

    Path script() {
      return HEALTH_CHECKS.resolve("slipway.dev_" + name + ".lua");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void noStatusYetIsProgressingWaitingForTheController(Kind kind) {
    assertThat(health(kind, object(kind, 1, null, false, false)))
        .isEqualTo(new Health("Progressing", "Waiting for the controller"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readyFalseIsProgressingWithTheReadyMessage(Kind kind) {
    JsonObject status = status(kind, 1L, condition("Ready", "False", 1, "Creating", "the cloud is creating the pool"));

    assertThat(health(kind, object(kind, 1, status, false, false)))
        .isEqualTo(new Health("Progressing", "the cloud is creating the pool"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void reconcilingTrueIsProgressingWithItsMessageEvenWhileReady(Kind kind) {
    JsonObject status = status(kind, 4L,
        condition("Ready", "True", 4, "Ready", "serving"),
        condition("Reconciling", "True", 4, "RollingOut", "replacing pool apps5d8f: draining 1 of 3 nodes"));

    assertThat(health(kind, object(kind, 4, status, false, false)))
        .isEqualTo(new Health("Progressing", "replacing pool apps5d8f: draining 1 of 3 nodes"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readyTrueForTheCurrentGenerationIsHealthy(Kind kind) {
    JsonObject status = status(kind, 3L,
        condition("Ready", "True", 3, "Ready", "control plane and 3 nodes ready"),
        condition("Reconciling", "False", 3, "UpToDate", null),
        condition("Stalled", "False", 3, "NotStalled", null));

    assertThat(health(kind, object(kind, 3, status, false, false)))
        .isEqualTo(new Health("Healthy", "control plane and 3 nodes ready"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void healthyWithoutAMessageSaysTheReason(Kind kind) {
    JsonObject status = status(kind, 2L, condition("Ready", "True", 2, "Ready", null));

    assertThat(health(kind, object(kind, 2, status, false, false))).isEqualTo(new Health("Healthy", "Ready"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readyTrueForAnOlderGenerationIsProgressing(Kind kind) {
    JsonObject status = status(kind, 1L, condition("Ready", "True", 1, "Ready", "serving"));

    assertThat(health(kind, object(kind, 2, status, false, false)))
        .isEqualTo(new Health("Progressing", "Waiting for the controller to observe generation 2"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readyTrueWithoutObservedGenerationIsNotYetHealthy(Kind kind) {
    JsonObject status = status(kind, null, condition("Ready", "True", 1, "Ready", "serving"));

    assertThat(health(kind, object(kind, 1, status, false, false)))
        .isEqualTo(new Health("Progressing", "Waiting for the controller to record observedGeneration 1"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stalledTrueIsDegradedWithTheStalledMessage(Kind kind) {
    JsonObject status = status(kind, 5L,
        condition("Ready", "False", 5, "CloudOperationFailed", "AllocationFailed: simulated failure of create"),
        condition("Stalled", "True", 5, "CloudOperationFailed",
            "AllocationFailed: simulated failure of create of pool apps5d8f; a human must look"));

    assertThat(health(kind, object(kind, 5, status, false, false))).isEqualTo(new Health("Degraded",
        "AllocationFailed: simulated failure of create of pool apps5d8f; a human must look"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void stalledWithoutObservedGenerationIsStillDegraded(Kind kind) {
    // A controller that never completes a pass never records observedGeneration (kstatus skips the check then).
    JsonObject status = status(kind, null,
        condition("Ready", "False", 1, "ProviderNotConfigured", "provider azure is not configured"),
        condition("Stalled", "True", 1, "ProviderNotConfigured", "provider azure is not configured"));

    assertThat(health(kind, object(kind, 1, status, false, false)))
        .isEqualTo(new Health("Degraded", "provider azure is not configured"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void pausedConditionTrueIsSuspended(Kind kind) {
    JsonObject status = status(kind, 2L,
        condition("Ready", "False", 2, "Paused", "cluster dev-sim is paused"),
        condition("Paused", "True", 2, "Paused", "cluster dev-sim is paused: Slipway does not act on it"));

    assertThat(health(kind, object(kind, 2, status, false, false)))
        .isEqualTo(new Health("Suspended", "cluster dev-sim is paused: Slipway does not act on it"));
  }

  @Test
  void aClusterWithSpecPausedIsSuspendedBeforeTheControllerSaysSo() {
    assertThat(health(Kind.CLUSTER, object(Kind.CLUSTER, 2, null, true, false))).isEqualTo(new Health("Suspended",
        "spec.paused is true: Slipway does not act on this cluster or its nodepools"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void deletingIsProgressingWithAMessage(Kind kind) {
    JsonObject status = status(kind, 3L,
        condition("Ready", "False", 3, "Deleting", "deleting the cloud resources"));

    assertThat(health(kind, object(kind, 3, status, false, true)))
        .isEqualTo(new Health("Progressing", "Being deleted: deleting the cloud resources"));
    assertThat(health(kind, object(kind, 3, null, false, true))).isEqualTo(new Health("Progressing",
        "Being deleted: waiting for the controller to remove its cloud resources"));
  }

  @Test
  void theFourChecksDifferOnlyInTheirFirstLine() throws IOException {
    List<String> bodies = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      List<String> lines = Files.readAllLines(kind.script());
      assertThat(lines.get(0)).contains("slipway.dev/" + kind.name + " ")
          .contains("resource.customizations.health.slipway.dev_" + kind.name + " ");
      bodies.add(String.join("\n", lines.subList(1, lines.size())));
    }
    assertThat(bodies).as("edit all four slipway.dev_*.lua files alike").containsOnly(bodies.get(0));
    try (Stream<Path> files = Files.list(HEALTH_CHECKS)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly(
          "slipway.dev_Cluster.lua", "slipway.dev_ClusterAdditionalConfig.lua", "slipway.dev_MachinePool.lua",
          "slipway.dev_Nodepool.lua");
    }
  }

  @Test
  void argoHealthRunsScriptsWithoutTheStringLibraryAsArgoCdDoes() {
    String object = object(Kind.CLUSTER, 1, null, false, false);

    assertThatThrownBy(() -> ArgoHealth.evaluate(
        "return {status = string.upper(\"healthy\")}", "uses-string.lua", object))
        .hasMessageContaining("string");
    assertThat(ArgoHealth.evaluate("return {status = obj.kind .. \"?\"}", "bad-status.lua", object))
        .isEqualTo(new Health("Unknown", "Lua returned an invalid health status"));
    assertThat(ArgoHealth.evaluate("return {status = \"Healthy\", message = obj.metadata.name .. \" \" .. "
        + "tostring(obj.metadata.generation) .. \" \" .. tostring(#obj.metadata.finalizers)}", "ok.lua", object))
        .isEqualTo(new Health("Healthy", "subject 1 1"));
  }

  private static Health health(Kind kind, String objectJson) {
    return ArgoHealth.evaluate(kind.script(), objectJson);
  }

  /** A condition as {@code Conditions.set} writes it (metav1.Condition shape). */
  private static JsonObject condition(String type, String status, long observedGeneration, String reason,
      String message) {
    JsonObject condition = new JsonObject();
    condition.addProperty("type", type);
    condition.addProperty("status", status);
    condition.addProperty("observedGeneration", observedGeneration);
    condition.addProperty("lastTransitionTime", NOW);
    condition.addProperty("reason", reason);
    if (message != null) {
      condition.addProperty("message", message);
    }
    return condition;
  }

  /**
   * The kind's status with these conditions, checked to be exactly what the status record serialises to: a field the
   * record does not have, or of another type, would not survive the round trip.
   */
  private static JsonObject status(Kind kind, Long observedGeneration, JsonObject... conditions) {
    JsonObject status = JsonParser.parseString(kind.statusFields).getAsJsonObject();
    if (observedGeneration != null) {
      status.addProperty("observedGeneration", observedGeneration);
    }
    JsonArray list = new JsonArray();
    for (JsonObject condition : conditions) {
      list.add(condition);
    }
    status.add("conditions", list);
    JSON json = new JSON();
    Object record = json.deserialize(status.toString(), kind.statusType);
    JsonElement roundTrip = JsonParser.parseString(json.serialize(record));
    assertThat(roundTrip).as("status of " + kind.name + " as the controllers write it").isEqualTo(status);
    return status;
  }

  /** The object as the API server returns it, with a status (or none). */
  private static String object(Kind kind, long generation, JsonObject status, boolean specPaused, boolean deleting) {
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", "subject");
    metadata.addProperty("namespace", "team-a");
    metadata.addProperty("uid", "6f1c2d3e-0000-4000-8000-0000000000ff");
    metadata.addProperty("resourceVersion", "12345");
    metadata.addProperty("generation", generation);
    metadata.addProperty("creationTimestamp", "2025-11-20T10:00:00Z");
    JsonArray finalizers = new JsonArray();
    finalizers.add("slipway.dev/finalizer");
    metadata.add("finalizers", finalizers);
    if (deleting) {
      metadata.addProperty("deletionTimestamp", NOW);
      metadata.addProperty("deletionGracePeriodSeconds", 0);
    }
    JsonObject spec = new JsonObject();
    if (kind == Kind.CLUSTER) {
      spec = new Gson().fromJson("""
          {"provider": "sim", "region": "sim-local-1", "version": "1.33", "sim": {"latencyProfile": "Fast"}}
          """, JsonObject.class);
      spec.addProperty("paused", specPaused);
    } else {
      spec.addProperty("clusterName", "dev-sim");
    }
    JsonObject object = new JsonObject();
    object.addProperty("apiVersion", "slipway.dev/v1alpha1");
    object.addProperty("kind", kind.name);
    object.add("metadata", metadata);
    object.add("spec", spec);
    if (status != null) {
      object.add("status", status);
    }
    return object.toString();
  }
}
