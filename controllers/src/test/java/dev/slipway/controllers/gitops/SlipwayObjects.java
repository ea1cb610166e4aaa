package dev.slipway.controllers.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.api.v1alpha1.ChildResourceStatus;
import dev.slipway.api.v1alpha1.ClusterStatus;
import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.MachinePoolStatus;
import dev.slipway.api.v1alpha1.NodepoolStatus;
import dev.slipway.controllers.conditions.Progress;
import dev.slipway.testing.controlplane.ProjectLayout;
import io.kubernetes.client.openapi.JSON;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Slipway objects as the API server returns them, for health-check tests: metadata with generation (and
 * deletionTimestamp while deleting), a spec, and a status in exactly the shape the controllers write: conditions made
 * with the controllers' {@link Progress#summarize} (which adds kstatus' Reconciling and Stalled to Ready), the kind's
 * status record, and client-java's JSON, the serializer the controllers write status with.
 */
final class SlipwayObjects {

  static final OffsetDateTime NOW = OffsetDateTime.of(2025, 11, 20, 10, 15, 30, 0, ZoneOffset.UTC);
  private static final Path HEALTH_CHECKS = ProjectLayout.root().resolve("charts/slipway/health/argocd");
  private static final JSON CLIENT_JSON = new JSON();

  /** The four kinds with health checks, each with its status record and a realistic status beside the conditions. */
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
         "rollout": {"step": "Complete", "targetTemplateHash": "v1-5d8f2c7a",
                     "startedAt": "2025-11-20T10:00:00.000000Z", "finishedAt": "2025-11-20T10:05:00.000000Z",
                     "nodesTotal": 3, "nodesCordoned": 3, "nodesDrained": 3}}
        """),
    MACHINE_POOL("MachinePool", MachinePoolStatus.class, """
        {"phase": "Ready",
         "cloudResourceId": "/subscriptions/sim/resourceGroups/team-a_dev-sim/agentPools/apps5d8f",
         "provisioningState": "Succeeded",
         "providerIDList": ["sim:///subscriptions/sim/resourceGroups/rg/vmss/apps/vm/0"],
         "replicas": 1, "readyReplicas": 1,
         "nodeRefs": [{"name": "sim-3fa2c1-apps5d8f-vmss000000", "uid": "6f1c2d3e-0000-4000-8000-000000000002",
                       "providerID": "sim:///subscriptions/sim/resourceGroups/rg/vmss/apps/vm/0"}]}
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

    /** The chart's Argo CD health check of this kind. */
    Path argoScript() {
      return HEALTH_CHECKS.resolve("slipway.dev_" + name + ".lua");
    }
  }

  private SlipwayObjects() {
  }

  static Path healthChecks() {
    return HEALTH_CHECKS;
  }

  /** A condition as {@code Conditions.set} makes it. */
  static Condition condition(String type, ConditionStatus status, long generation, String reason, String message) {
    return new Condition(type, status, generation, NOW, reason, message);
  }

  /** The conditions as the controllers write them: these, plus Reconciling or Stalled as {@link Progress} adds. */
  static List<Condition> asWritten(long generation, Condition... conditions) {
    return Progress.summarize(Arrays.asList(conditions), generation, NOW);
  }

  /**
   * The kind's status with these conditions, checked to be exactly what the status record serialises to: a field the
   * record does not have, or of another type, would not survive the round trip.
   */
  static JsonObject status(Kind kind, Long observedGeneration, List<Condition> conditions) {
    JsonObject status = JsonParser.parseString(kind.statusFields).getAsJsonObject();
    if (observedGeneration != null) {
      status.addProperty("observedGeneration", observedGeneration);
    }
    JsonArray list = new JsonArray();
    for (Condition condition : conditions) {
      list.add(JsonParser.parseString(CLIENT_JSON.serialize(condition)));
    }
    status.add("conditions", list);
    Object record = CLIENT_JSON.deserialize(status.toString(), kind.statusType);
    JsonElement roundTrip = JsonParser.parseString(CLIENT_JSON.serialize(record));
    assertThat(roundTrip).as("status of " + kind.name + " as the controllers write it").isEqualTo(status);
    return status;
  }

  /** The object as the API server returns it, with a status (or none). */
  static String object(Kind kind, long generation, JsonObject status, boolean specPaused, boolean deleting) {
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
      metadata.addProperty("deletionTimestamp", "2025-11-20T10:15:30Z");
      metadata.addProperty("deletionGracePeriodSeconds", 0);
    }
    JsonObject spec;
    if (kind == Kind.CLUSTER) {
      spec = JsonParser.parseString("""
          {"provider": "sim", "region": "sim-local-1", "version": "1.33", "sim": {"latencyProfile": "Fast"}}
          """).getAsJsonObject();
      spec.addProperty("paused", specPaused);
    } else {
      spec = new JsonObject();
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
