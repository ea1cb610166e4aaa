package dev.slipway.controllers.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.PolicyV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1DaemonSetSpec;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetSpec;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.util.PatchUtils;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeDrainer} against a real control plane: kube-controller-manager (Deployments, ReplicaSets, DaemonSets,
 * the disruption controller), kube-scheduler and KWOK nodes that run pods. Every scenario has its own nodes, tainted
 * so that no other test's pods land on them, and its own workloads pinned to them.
 */
@LocalKubernetes(workloads = true)
class NodeDrainerIT {

  /** A bound on waiting for the control plane to act, not a performance assertion. */
  private static final Duration GENEROUS = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final String SCENARIO_LABEL = "slipway.dev/node-drainer-it";
  private static final String TAINT = "slipway.dev/node-drainer-it";

  private final NodeDrainer drainer = new NodeDrainer(Clock.systemUTC());

  @Test
  void drainsANodeThroughEvictionsWithoutBreakingItsBudget(ApiClient client, LocalControlPlane controlPlane,
      TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    String nodeA = "node-drainer-it-s1-a";
    String nodeB = "node-drainer-it-s1-b";
    String nodeC = "node-drainer-it-s1-c";
    // B and C start cordoned, so all six replicas land on A and all of them must move.
    createNode(client, nodeA, "s1", false);
    createNode(client, nodeB, "s1", true);
    createNode(client, nodeC, "s1", true);
    awaitReady(client, nodeA, nodeB, nodeC);
    Map<String, String> labels = Map.of("app", "s1-web");
    createDeployment(client, ns, "s1-web", 6, "s1", labels);
    awaitRunningPods(client, ns, "app=s1-web", 6);
    assertThat(nodesOf(podsOf(client, ns, "app=s1-web"))).containsOnly(nodeA);
    createBudget(client, ns, "s1-web-pdb", labels, new IntOrString(5), null);
    awaitBudget(client, ns, "s1-web-pdb", 6, 1);

    HealthyPods healthy = new HealthyPods(6);
    SharedInformerFactory informers = watchPods(controlPlane, ns, "app=s1-web", healthy);
    try {
      await().atMost(GENEROUS).until(healthy::armed);
      assertThat(drainer.cordon(client, nodeA)).isTrue();

      // B and C still cordoned: an evicted pod's replacement cannot start, so after one eviction the budget allows
      // none, whatever the timing, and the other five pods are reported blocked by it.
      DrainPass first = drainer.drain(client, nodeA, DrainMode.EVICT);
      assertThat(first.evictedNow()).isEqualTo(1);
      assertThat(first.pending()).isEqualTo(1);
      assertThat(first.complete()).isFalse();
      assertThat(first.blocked()).hasSize(5).allSatisfy(b -> {
        assertThat(b.namespace()).isEqualTo(ns);
        assertThat(b.pdbNames()).containsExactly("s1-web-pdb");
        assertThat(b.message()).startsWith("0 disruptions allowed");
      });
      assertThat(BlockedPodMessage.format(first.blocked(), BlockedPodMessage.DEFAULT_MAX_LENGTH))
          .startsWith("pod " + ns + "/" + first.blocked().get(0).name() + " blocked by PodDisruptionBudget " + ns
              + "/s1-web-pdb (0 disruptions allowed");

      // The new nodes are there: pass after pass, the pods move as fast as the budget lets them.
      assertThat(drainer.uncordon(client, nodeB)).isTrue();
      assertThat(drainer.uncordon(client, nodeC)).isTrue();
      List<DrainPass> passes = new CopyOnWriteArrayList<>(List.of(first));
      List<Integer> availableSamples = new CopyOnWriteArrayList<>();
      await().atMost(GENEROUS).pollInterval(POLL).until(() -> {
        DrainPass pass = drainer.drain(client, nodeA, DrainMode.EVICT);
        passes.add(pass);
        availableSamples.add(available(client, ns, "s1-web"));
        return pass.complete();
      });

      awaitRunningPods(client, ns, "app=s1-web", 6);
      assertThat(nodesOf(podsOf(client, ns, "app=s1-web"))).doesNotContain(nodeA).isSubsetOf(nodeB, nodeC);
      assertThat(passes.stream().mapToInt(DrainPass::evictedNow).sum()).as("evictions").isEqualTo(6);
      assertThat(passes).flatExtracting(DrainPass::blocked).extracting(BlockedPod::pdbNames)
          .containsOnly(List.of("s1-web-pdb"));
      assertThat(availableSamples).as("Deployment availableReplicas sampled during the drain")
          .isNotEmpty().allSatisfy(available -> assertThat(available).isGreaterThanOrEqualTo(5));
      // The watch saw every pod transition: healthy pods dipped to exactly the budget's minimum, never below.
      assertThat(healthy.minimum()).as("fewest healthy pods seen by the watch; transitions " + healthy.history())
          .isEqualTo(5);
    } finally {
      informers.stopAllRegisteredInformers();
    }
  }

  @Test
  void aBudgetThatNeverAllowsEvictionBlocksTheDrainUntilForceDelete(ApiClient client, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    String node = "node-drainer-it-s2-a";
    createNode(client, node, "s2", false);
    awaitReady(client, node);
    Map<String, String> labels = Map.of("app", "s2-db");
    createDeployment(client, ns, "s2-db", 1, "s2", labels);
    awaitRunningPods(client, ns, "app=s2-db", 1);
    createBudget(client, ns, "s2-db-pdb", labels, null, new IntOrString(0));
    awaitBudget(client, ns, "s2-db-pdb", 1, 0);
    V1Pod pod = podsOf(client, ns, "app=s2-db").get(0);
    String podName = pod.getMetadata().getName();
    String uid = pod.getMetadata().getUid();
    assertThat(drainer.cordon(client, node)).isTrue();

    // Pass after pass for a while: blocked by the budget, never complete, the pod untouched.
    List<DrainPass> passes = new CopyOnWriteArrayList<>();
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> {
      DrainPass pass = drainer.drain(client, node, DrainMode.EVICT);
      passes.add(pass);
      return !pass.complete() && pass.evictedNow() == 0 && pass.blocked().size() == 1
          && uid.equals(uidOf(client, ns, podName));
    });
    assertThat(passes).hasSizeGreaterThan(3);
    DrainPass blocked = passes.get(passes.size() - 1);
    assertThat(blocked.blocked()).containsExactly(new BlockedPod(ns, podName, List.of("s2-db-pdb"),
        "0 disruptions allowed, 1 healthy of 1 required"));
    assertThat(blocked.pending()).isZero();
    assertThat(BlockedPodMessage.format(blocked.blocked(), BlockedPodMessage.DEFAULT_MAX_LENGTH)).isEqualTo(
        "pod " + ns + "/" + podName + " blocked by PodDisruptionBudget " + ns
            + "/s2-db-pdb (0 disruptions allowed, 1 healthy of 1 required)");

    // The drain timeout expired and the policy is ForceDelete: the pod goes, budget or not.
    DrainPass forced = drainer.drain(client, node, DrainMode.FORCE_DELETE);
    assertThat(forced.evictedNow()).isEqualTo(1);
    assertThat(forced.blocked()).isEmpty();
    assertThat(forced.complete()).isFalse();
    await().atMost(GENEROUS).pollInterval(POLL)
        .until(() -> drainer.drain(client, node, DrainMode.FORCE_DELETE).complete());
    assertThat(uidOf(client, ns, podName)).isNull();
  }

  @Test
  void aPodUnderTwoBudgetsIsReportedBlockedByBoth(ApiClient client, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    String node = "node-drainer-it-s5-a";
    createNode(client, node, "s5", false);
    awaitReady(client, node);
    Map<String, String> labels = Map.of("app", "s5-twice");
    createBoundPod(client, ns, "s5-twice", node, labels, Map.of());
    awaitRunningPods(client, ns, "app=s5-twice", 1);
    // Budgets that on their own would allow the eviction; the Eviction API refuses a pod under two budgets.
    createBudget(client, ns, "s5-a", labels, new IntOrString(0), null);
    createBudget(client, ns, "s5-b", labels, null, new IntOrString(1));
    assertThat(drainer.cordon(client, node)).isTrue();

    DrainPass pass = drainer.drain(client, node, DrainMode.EVICT);

    assertThat(pass.complete()).isFalse();
    assertThat(pass.blocked()).containsExactly(new BlockedPod(ns, "s5-twice", List.of("s5-a", "s5-b"),
        "selected by several PodDisruptionBudgets, which the Eviction API refuses to evict"));
    assertThat(uidOf(client, ns, "s5-twice")).isNotNull();
  }

  @Test
  void ignoresDaemonSetMirrorAndFinishedPods(ApiClient client, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    String node = "node-drainer-it-s3-a";
    createNode(client, node, "s3", false);
    awaitReady(client, node);
    createDaemonSet(client, ns, "s3-agent", "s3", Map.of("app", "s3-agent"));
    createBoundPod(client, ns, "s3-static", node, Map.of("app", "s3-static"),
        Map.of(PodTriage.MIRROR_ANNOTATION, "3f9a0c2b71"));
    createBoundPod(client, ns, "s3-finished", node, Map.of("app", "s3-finished"), Map.of());
    createBoundPod(client, ns, "s3-plain", node, Map.of("app", "s3-plain"), Map.of());
    awaitRunningPods(client, ns, "app=s3-agent", 1);
    awaitRunningPods(client, ns, "app in (s3-static, s3-finished, s3-plain)", 3);
    PatchUtils.patch(V1Pod.class, () -> new CoreV1Api(client).patchNamespacedPodStatus("s3-finished", ns,
        new V1Patch("{\"status\":{\"phase\":\"Succeeded\"}}")).buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
    Map<String, String> keptUids = new HashMap<>();
    for (V1Pod pod : podsOf(client, ns, "app in (s3-agent, s3-static, s3-finished)")) {
      keptUids.put(pod.getMetadata().getName(), pod.getMetadata().getUid());
    }
    assertThat(keptUids).hasSize(3);
    assertThat(drainer.cordon(client, node)).isTrue();

    DrainPass first = drainer.drain(client, node, DrainMode.EVICT);
    assertThat(first.evictedNow()).as("only the plain pod is evicted").isEqualTo(1);
    assertThat(first.blocked()).isEmpty();
    await().atMost(GENEROUS).pollInterval(POLL).until(() -> drainer.drain(client, node, DrainMode.EVICT).complete());

    assertThat(uidOf(client, ns, "s3-plain")).isNull();
    Map<String, String> afterUids = new HashMap<>();
    for (V1Pod pod : podsOf(client, ns, "app in (s3-agent, s3-static, s3-finished)")) {
      afterUids.put(pod.getMetadata().getName(), pod.getMetadata().getUid());
    }
    assertThat(afterUids).isEqualTo(keptUids);
  }

  @Test
  void cordonAndUncordonAreIdempotentAndAMissingNodeIsDone(ApiClient client) throws Exception {
    String node = "node-drainer-it-s4-a";
    createNode(client, node, "s4", false);
    CoreV1Api core = new CoreV1Api(client);

    assertThat(drainer.cordon(client, node)).isTrue();
    assertThat(drainer.cordon(client, node)).isTrue();
    V1Node cordoned = core.readNode(node).execute();
    assertThat(cordoned.getSpec().getUnschedulable()).isTrue();
    // A patch of one field: the rest of the spec is untouched.
    assertThat(cordoned.getSpec().getTaints()).extracting(V1Taint::getKey).contains(TAINT);
    assertThat(cordoned.getSpec().getProviderID()).isEqualTo("sim:///node-drainer-it/s4/" + node);

    assertThat(drainer.uncordon(client, node)).isTrue();
    assertThat(drainer.uncordon(client, node)).isTrue();
    V1Node uncordoned = core.readNode(node).execute();
    assertThat(uncordoned.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    assertThat(uncordoned.getSpec().getTaints()).extracting(V1Taint::getKey).contains(TAINT);

    String missing = "node-drainer-it-s4-missing";
    assertThat(drainer.cordon(client, missing)).isFalse();
    assertThat(drainer.uncordon(client, missing)).isFalse();
    assertThat(drainer.drain(client, missing, DrainMode.EVICT)).isEqualTo(new DrainPass(0, 0, List.of(), true));
  }

  // --- the healthy-pod watch ---

  /**
   * Counts the pods a PodDisruptionBudget would call healthy (Running, Ready, not being deleted) after every watch
   * event, in event order, and remembers the fewest seen once the full count was first reached.
   */
  static final class HealthyPods implements ResourceEventHandler<V1Pod> {

    private final int full;
    private final Map<String, Boolean> healthyByUid = new HashMap<>();
    private final List<Integer> history = new ArrayList<>();
    private boolean armed;
    private int minimum = Integer.MAX_VALUE;

    HealthyPods(int full) {
      this.full = full;
    }

    @Override
    public synchronized void onAdd(V1Pod pod) {
      healthyByUid.put(pod.getMetadata().getUid(), isHealthy(pod));
      record();
    }

    @Override
    public synchronized void onUpdate(V1Pod before, V1Pod pod) {
      healthyByUid.put(pod.getMetadata().getUid(), isHealthy(pod));
      record();
    }

    @Override
    public synchronized void onDelete(V1Pod pod, boolean finalStateUnknown) {
      healthyByUid.remove(pod.getMetadata().getUid());
      record();
    }

    private void record() {
      int count = (int) healthyByUid.values().stream().filter(Boolean::booleanValue).count();
      armed |= count == full;
      if (armed) {
        history.add(count);
        minimum = Math.min(minimum, count);
      }
    }

    synchronized boolean armed() {
      return armed;
    }

    synchronized int minimum() {
      return minimum;
    }

    synchronized List<Integer> history() {
      return List.copyOf(history);
    }

    private static boolean isHealthy(V1Pod pod) {
      return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
          && "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getConditions() != null
          && pod.getStatus().getConditions().stream()
              .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
  }

  private static SharedInformerFactory watchPods(LocalControlPlane controlPlane, String ns, String selector,
      ResourceEventHandler<V1Pod> handler) {
    ApiClient watchClient = controlPlane.newApiClient();
    // A watch is a long poll: no read timeout.
    watchClient.setReadTimeout(0);
    CoreV1Api core = new CoreV1Api(watchClient);
    SharedInformerFactory factory = new SharedInformerFactory(watchClient);
    SharedIndexInformer<V1Pod> informer = factory.sharedIndexInformerFor(params -> core.listNamespacedPod(ns)
        .labelSelector(selector).resourceVersion(params.resourceVersion).watch(params.watch)
        .timeoutSeconds(params.timeoutSeconds).buildCall(null), V1Pod.class, V1PodList.class);
    informer.addEventHandler(handler);
    factory.startAllRegisteredInformers();
    return factory;
  }

  // --- fixtures ---

  private static void createNode(ApiClient client, String name, String scenario, boolean unschedulable)
      throws ApiException {
    new CoreV1Api(client).createNode(new V1Node()
        .metadata(new V1ObjectMeta().name(name)
            .annotations(Map.of(LocalControlPlane.KWOK_NODE_ANNOTATION, "fake"))
            .labels(Map.of(SCENARIO_LABEL, scenario, "kubernetes.io/hostname", name)))
        .spec(new V1NodeSpec().providerID("sim:///node-drainer-it/" + scenario + "/" + name)
            .unschedulable(unschedulable ? Boolean.TRUE : null)
            .taints(List.of(new V1Taint().key(TAINT).value(scenario).effect("NoSchedule")))))
        .execute();
  }

  private static void awaitReady(ApiClient client, String... nodes) {
    CoreV1Api core = new CoreV1Api(client);
    await().atMost(GENEROUS).pollInterval(POLL).untilAsserted(() -> {
      for (String node : nodes) {
        assertThat(core.readNode(node).execute().getStatus().getConditions()).as("conditions of " + node)
            .anySatisfy(c -> {
              assertThat(c.getType()).isEqualTo("Ready");
              assertThat(c.getStatus()).isEqualTo("True");
            });
      }
    });
  }

  private static V1PodSpec podSpec(String scenario) {
    return new V1PodSpec()
        .nodeSelector(Map.of(SCENARIO_LABEL, scenario))
        .tolerations(List.of(new V1Toleration().key(TAINT).operator("Exists").effect("NoSchedule")))
        .containers(List.of(new V1Container().name("main").image("registry.invalid/" + scenario + ":1")));
  }

  private static void createDeployment(ApiClient client, String ns, String name, int replicas, String scenario,
      Map<String, String> labels) throws ApiException {
    new AppsV1Api(client).createNamespacedDeployment(ns, new V1Deployment()
        .metadata(new V1ObjectMeta().name(name))
        .spec(new V1DeploymentSpec().replicas(replicas).selector(new V1LabelSelector().matchLabels(labels))
            .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(labels)).spec(podSpec(scenario)))))
        .execute();
  }

  private static void createDaemonSet(ApiClient client, String ns, String name, String scenario,
      Map<String, String> labels) throws ApiException {
    new AppsV1Api(client).createNamespacedDaemonSet(ns, new V1DaemonSet()
        .metadata(new V1ObjectMeta().name(name))
        .spec(new V1DaemonSetSpec().selector(new V1LabelSelector().matchLabels(labels))
            .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(labels)).spec(podSpec(scenario)))))
        .execute();
  }

  /** A pod bound to the node by spec.nodeName, as the kubelet's mirror pods and bare test pods are. */
  private static void createBoundPod(ApiClient client, String ns, String name, String node,
      Map<String, String> labels, Map<String, String> annotations) throws ApiException {
    CoreV1Api core = new CoreV1Api(client);
    // Admission needs the namespace's default ServiceAccount, which kube-controller-manager creates a moment after
    // the namespace (controllers creating pods retry; a test must wait).
    await().atMost(GENEROUS).pollInterval(POLL).ignoreExceptions()
        .until(() -> core.readNamespacedServiceAccount("default", ns).execute() != null);
    core.createNamespacedPod(ns, new V1Pod()
        .metadata(new V1ObjectMeta().name(name).labels(labels).annotations(annotations))
        // Note: client-java 24 initialises spec.overhead to an empty map, which admission rejects on a Pod
        // created directly ("Pod Overhead set without corresponding RuntimeClass"); null leaves it out.
        .spec(new V1PodSpec().nodeName(node).restartPolicy("Never").overhead(null)
            .containers(List.of(new V1Container().name("main").image("registry.invalid/" + name + ":1")))))
        .execute();
  }

  private static void createBudget(ApiClient client, String ns, String name, Map<String, String> labels,
      IntOrString minAvailable, IntOrString maxUnavailable) throws ApiException {
    new PolicyV1Api(client).createNamespacedPodDisruptionBudget(ns, new V1PodDisruptionBudget()
        .metadata(new V1ObjectMeta().name(name))
        .spec(new V1PodDisruptionBudgetSpec().selector(new V1LabelSelector().matchLabels(labels))
            .minAvailable(minAvailable).maxUnavailable(maxUnavailable)))
        .execute();
  }

  /** Until the disruption controller has counted the budget's pods, evictions would be refused for that reason. */
  private static void awaitBudget(ApiClient client, String ns, String name, int expectedPods, int allowed) {
    PolicyV1Api policy = new PolicyV1Api(client);
    await().atMost(GENEROUS).pollInterval(POLL).untilAsserted(() -> {
      V1PodDisruptionBudget budget = policy.readNamespacedPodDisruptionBudget(name, ns).execute();
      assertThat(budget.getStatus()).isNotNull();
      assertThat(budget.getStatus().getObservedGeneration()).isEqualTo(budget.getMetadata().getGeneration());
      assertThat(budget.getStatus().getExpectedPods()).isEqualTo(expectedPods);
      assertThat(budget.getStatus().getDisruptionsAllowed()).isEqualTo(allowed);
    });
  }

  private static void awaitRunningPods(ApiClient client, String ns, String selector, int count) {
    await().atMost(GENEROUS).pollInterval(POLL).untilAsserted(() -> assertThat(podsOf(client, ns, selector))
        .hasSize(count)
        .allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Running")));
  }

  /** The pods matching the selector that are not being deleted. */
  private static List<V1Pod> podsOf(ApiClient client, String ns, String selector) throws ApiException {
    return new CoreV1Api(client).listNamespacedPod(ns).labelSelector(selector).execute().getItems().stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static List<String> nodesOf(List<V1Pod> pods) {
    return pods.stream().map(pod -> pod.getSpec().getNodeName()).distinct().collect(Collectors.toList());
  }

  private static int available(ApiClient client, String ns, String deployment) throws ApiException {
    Integer available = new AppsV1Api(client).readNamespacedDeployment(deployment, ns).execute().getStatus()
        .getAvailableReplicas();
    return available == null ? 0 : available;
  }

  /** The pod's UID, or null if there is no pod of that name. */
  private static String uidOf(ApiClient client, String ns, String name) throws ApiException {
    try {
      return new CoreV1Api(client).readNamespacedPod(name, ns).execute().getMetadata().getUid();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }
}
