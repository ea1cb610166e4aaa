package dev.slipway.controllers.e2e;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.Manifests;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.PolicyV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetSpec;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.yaml.snakeyaml.Yaml;

/**
 * What the end-to-end tests do as a user would: apply YAML, read status, look at the workload cluster's Nodes and
 * Pods and at the simulated cloud's own state. One instance per test class (one namespace).
 */
final class SlipwayFixture {

  static final String SIM_CLOUD_NAMESPACE = "slipway-sim-cloud";

  final LocalControlPlane controlPlane;
  final ApiClient client;
  final String namespace;
  final GenericKubernetesApi<Cluster, Cluster.List> clusters;
  final GenericKubernetesApi<Nodepool, Nodepool.List> nodepools;
  final GenericKubernetesApi<MachinePool, MachinePool.List> machinePools;

  SlipwayFixture(LocalControlPlane controlPlane, String namespace) {
    this.controlPlane = controlPlane;
    this.client = controlPlane.apiClient();
    this.namespace = namespace;
    this.clusters = api(Cluster.class, Cluster.List.class, Cluster.PLURAL);
    this.nodepools = api(Nodepool.class, Nodepool.List.class, Nodepool.PLURAL);
    this.machinePools = api(MachinePool.class, MachinePool.List.class, MachinePool.PLURAL);
  }

  private <T extends SlipwayResource<?, ?>, L extends KubernetesListObject> GenericKubernetesApi<T, L> api(
      Class<T> type, Class<L> list, String plural) {
    return new GenericKubernetesApi<>(type, list, SlipwayResource.GROUP, SlipwayResource.VERSION, plural, client);
  }

  /** Starts the controllers for this namespace only, with their own Lease. */
  ControllerProcess startControllers(String name) {
    return startControllers(name, Map.of());
  }

  /** Starts the controllers for this namespace only, with their own Lease and extra Spring properties. */
  ControllerProcess startControllers(String name, Map<String, String> properties) {
    return startControllers(name, properties, Map.of());
  }

  /** Starts the controllers for this namespace only, with extra Spring properties and environment variables. */
  ControllerProcess startControllers(String name, Map<String, String> properties, Map<String, String> environment) {
    Map<String, String> all = new java.util.LinkedHashMap<>(Map.of(
        "slipway.namespace", namespace,
        "slipway.leader-election.namespace", namespace,
        "slipway.leader-election.lease-name", leaseName()));
    all.putAll(properties);
    return ControllerProcess.start(name, controlPlane.directory(), controlPlane.kubeconfig(),
        controlPlane.kubeconfig(), all, environment);
  }

  /** The MachinePools of a Nodepool, by its label. */
  List<MachinePool> machinePoolsOf(String nodepool) {
    return machinePools.list(namespace, new io.kubernetes.client.util.generic.options.ListOptions()
        .labelSelector("slipway.dev/nodepool=" + nodepool)).getObject().getItems();
  }

  /** The leader-election Lease of the controllers started by {@link #startControllers}. */
  String leaseName() {
    return "slipway-" + namespace;
  }

  /** A simulated-cloud Cluster at Kubernetes 1.33 with the Fast latency profile, as a YAML document plus separator. */
  static String simCluster(String name) {
    return """
        apiVersion: slipway.dev/v1alpha1
        kind: Cluster
        metadata:
          name: %s
        spec:
          provider: sim
          region: sim-local-1
          version: "1.33"
          sim:
            latencyProfile: Fast
        ---
        """.formatted(name);
  }

  /**
   * A Deployment of {@code replicas} pods (label app={@code name}) pinned by a node selector, behind a
   * PodDisruptionBudget of the same name; returns once every replica is available.
   */
  void createWorkload(String name, int replicas, Map<String, String> nodeSelector,
      V1PodDisruptionBudgetSpec budget) throws ApiException {
    Map<String, String> labels = Map.of("app", name);
    new AppsV1Api(client).createNamespacedDeployment(namespace, new V1Deployment()
        .metadata(new V1ObjectMeta().name(name))
        .spec(new V1DeploymentSpec().replicas(replicas).selector(new V1LabelSelector().matchLabels(labels))
            .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(labels))
                .spec(new V1PodSpec().nodeSelector(nodeSelector)
                    .containers(List.of(new V1Container().name(name).image("registry.invalid/" + name + ":1")))))))
        .execute();
    new PolicyV1Api(client).createNamespacedPodDisruptionBudget(namespace, new V1PodDisruptionBudget()
        .metadata(new V1ObjectMeta().name(name + "-pdb"))
        .spec(budget.selector(new V1LabelSelector().matchLabels(labels))))
        .execute();
    await().atMost(Duration.ofMinutes(2)).until(() -> {
      V1Deployment deployment = new AppsV1Api(client).readNamespacedDeployment(name, namespace).execute();
      return deployment.getStatus() != null
          && Integer.valueOf(replicas).equals(deployment.getStatus().getAvailableReplicas());
    });
  }

  /** Applies YAML documents (create, or replace keeping the stored resourceVersion). */
  void apply(String yaml) {
    for (Object document : new Yaml().loadAll(yaml)) {
      if (document == null) {
        continue; // an empty document, e.g. after a trailing ---
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) document;
      try {
        Map<String, Object> existing = getOrNull(object);
        if (existing == null) {
          Manifests.create(client, namespace, object);
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
          @SuppressWarnings("unchecked")
          Map<String, Object> stored = (Map<String, Object>) existing.get("metadata");
          metadata.put("resourceVersion", stored.get("resourceVersion"));
          Manifests.replace(client, namespace, object);
        }
      } catch (ApiException e) {
        throw new IllegalStateException("apply " + object.get("kind") + ": HTTP " + e.getCode() + " "
            + e.getResponseBody(), e);
      }
    }
  }

  private Map<String, Object> getOrNull(Map<String, Object> object) throws ApiException {
    try {
      return Manifests.get(client, namespace, object);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  Nodepool nodepool(String name) {
    return orNull(nodepools.get(namespace, name));
  }

  Cluster cluster(String name) {
    return orNull(clusters.get(namespace, name));
  }

  MachinePool machinePool(String name) {
    return orNull(machinePools.get(namespace, name));
  }

  /** Changes a Nodepool's spec with a fresh read and a resourceVersion-checked write, retried on conflict. */
  void editNodepool(String name, java.util.function.UnaryOperator<dev.slipway.api.v1alpha1.NodepoolSpec> edit) {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      Nodepool nodepool = nodepool(name);
      nodepool.setSpec(edit.apply(nodepool.getSpec()));
      return nodepools.update(nodepool).isSuccess();
    });
  }

  void editCluster(String name, java.util.function.UnaryOperator<dev.slipway.api.v1alpha1.ClusterSpec> edit) {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      Cluster cluster = cluster(name);
      cluster.setSpec(edit.apply(cluster.getSpec()));
      return clusters.update(cluster).isSuccess();
    });
  }

  static boolean ready(SlipwayResource<?, ?> object, List<dev.slipway.api.v1alpha1.Condition> conditions) {
    return object != null && conditions != null && conditions.stream().anyMatch(c ->
        c.type().equals(ConditionTypes.READY) && c.status() == ConditionStatus.TRUE);
  }

  /** Awaits a Nodepool that is Ready with no rollout running and whose status satisfies {@code also}. */
  Nodepool awaitNodepoolSettled(String name, Duration atMost, Predicate<Nodepool> also) {
    return await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> nodepool(name), np ->
        np != null && np.getStatus() != null && ready(np, np.getStatus().conditions())
            && np.getStatus().targetMachinePool() == null
            && Objects.equals(np.getStatus().observedGeneration(), np.getMetadata().getGeneration())
            && also.test(np));
  }

  /** Names of the workload Nodes of a MachinePool, from its nodeRefs. */
  Set<String> nodeNames(MachinePool pool) {
    Set<String> names = new TreeSet<>();
    pool.getStatus().nodeRefs().forEach(ref -> names.add(ref.name()));
    return names;
  }

  List<V1Pod> pods(String labelSelector) throws ApiException {
    return new CoreV1Api(client).listNamespacedPod(namespace).labelSelector(labelSelector).execute().getItems();
  }

  List<V1Node> nodes(String labelSelector) throws ApiException {
    return new CoreV1Api(client).listNode().labelSelector(labelSelector).execute().getItems();
  }

  /** The pool names the simulated cloud holds for a cluster, read from the cloud's own state. */
  Set<String> cloudPools(String cluster) throws ApiException {
    V1ConfigMap state;
    try {
      state = new CoreV1Api(client).readNamespacedConfigMap(namespace + "." + cluster, SIM_CLOUD_NAMESPACE)
          .execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Set.of();
      }
      throw e;
    }
    JsonObject json = JsonParser.parseString(state.getData().get("state.json")).getAsJsonObject();
    return json.has("pools") ? new TreeSet<>(json.getAsJsonObject("pools").keySet()) : Set.of();
  }

  /** Whether the simulated cloud still has any state for the cluster. */
  boolean cloudHasCluster(String cluster) throws ApiException {
    try {
      new CoreV1Api(client).readNamespacedConfigMap(namespace + "." + cluster, SIM_CLOUD_NAMESPACE).execute();
      return true;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }


  /** The ClusterAdditionalConfig API of this namespace. */
  GenericKubernetesApi<dev.slipway.api.v1alpha1.ClusterAdditionalConfig,
      dev.slipway.api.v1alpha1.ClusterAdditionalConfig.List> additionalConfigs() {
    return api(dev.slipway.api.v1alpha1.ClusterAdditionalConfig.class,
        dev.slipway.api.v1alpha1.ClusterAdditionalConfig.List.class,
        dev.slipway.api.v1alpha1.ClusterAdditionalConfig.PLURAL);
  }

  dev.slipway.api.v1alpha1.ClusterAdditionalConfig additionalConfig(String name) {
    return orNull(additionalConfigs().get(namespace, name));
  }

  /**
   * Changes a ClusterAdditionalConfig's spec with a fresh read and a resourceVersion-checked write, retried on
   * conflict. Like {@code kubectl apply}, it keeps metadata it does not own (finalizers, annotations).
   */
  void editAdditionalConfig(String name,
      java.util.function.UnaryOperator<dev.slipway.api.v1alpha1.ClusterAdditionalConfigSpec> edit) {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      dev.slipway.api.v1alpha1.ClusterAdditionalConfig config = additionalConfig(name);
      config.setSpec(edit.apply(config.getSpec()));
      return additionalConfigs().update(config).isSuccess();
    });
  }

  /** Awaits a Cluster whose Ready condition is True. */
  Cluster awaitClusterReady(String name, Duration atMost) {
    return await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> cluster(name), c ->
        c != null && c.getStatus() != null && ready(c, c.getStatus().conditions()));
  }

  /**
   * The simulated cloud's own state of a cluster ({@code state.json} of its ConfigMap, fields as in
   * {@code SimClusterState}), or null when the cloud holds nothing for it.
   */
  JsonObject cloudState(String cluster) throws ApiException {
    try {
      V1ConfigMap state = new CoreV1Api(client).readNamespacedConfigMap(namespace + "." + cluster,
          SIM_CLOUD_NAMESPACE).execute();
      return JsonParser.parseString(state.getData().get("state.json")).getAsJsonObject();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  private static <T extends io.kubernetes.client.common.KubernetesObject> T orNull(
      KubernetesApiResponse<T> response) {
    if (response.isSuccess()) {
      return response.getObject();
    }
    if (response.getHttpStatusCode() == 404) {
      return null;
    }
    throw new IllegalStateException("HTTP " + response.getHttpStatusCode() + " " + response.getStatus());
  }
}
