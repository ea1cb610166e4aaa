package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.CloudException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Taint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nodes in a real workload API server, annotated for KWOK so that KWOK marks them Ready and runs their pods.
 *
 * <p>The labels and taints that come from the pool are listed in annotations on the Node, so that a later pool
 * change removes exactly those the pool dropped and leaves alone what others put there (cordoning adds the
 * {@code node.kubernetes.io/unschedulable} taint, for example).
 */
final class KubernetesWorkloadNodes implements WorkloadNodes {

  static final String KWOK_ANNOTATION = "kwok.x-k8s.io/node";
  static final String POOL_LABEL_KEYS = "sim.slipway.dev/pool-label-keys";
  static final String POOL_TAINTS = "sim.slipway.dev/pool-taints";
  static final int UPDATE_ATTEMPTS = 5;

  private final CoreV1Api core;

  KubernetesWorkloadNodes(ApiClient workload) {
    this.core = new CoreV1Api(workload);
  }

  @Override
  public void register(SimNode node) throws CloudException {
    V1Node created = new V1Node()
        .metadata(new V1ObjectMeta().name(node.name()).labels(node.labels()).annotations(annotations(node)))
        .spec(new V1NodeSpec().providerID(node.providerId()).taints(toV1(node.taints())));
    try {
      core.createNode(created).execute();
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw failed("register Node " + node.name(), e);
      }
    }
  }

  @Override
  public void update(SimNode node) throws CloudException {
    // KWOK's heartbeats change the Node's resourceVersion all the time: re-read and retry on conflict.
    for (int attempt = 1; ; attempt++) {
      try {
        updateOnce(node);
        return;
      } catch (CloudException e) {
        if (!"Conflict".equals(e.code()) || attempt == UPDATE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private void updateOnce(SimNode node) throws CloudException {
    V1Node current;
    try {
      current = core.readNode(node.name()).execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        register(node);
        return;
      }
      throw failed("read Node " + node.name(), e);
    }
    V1ObjectMeta meta = current.getMetadata();
    Map<String, String> annotations = new HashMap<>(meta.getAnnotations() == null ? Map.of()
        : meta.getAnnotations());
    Map<String, String> labels = new HashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    for (String key : split(annotations.get(POOL_LABEL_KEYS))) {
      labels.remove(key);
    }
    labels.putAll(node.labels());
    Set<String> previousTaints = new HashSet<>(split(annotations.get(POOL_TAINTS)));
    List<V1Taint> taints = new ArrayList<>();
    if (current.getSpec() != null && current.getSpec().getTaints() != null) {
      for (V1Taint taint : current.getSpec().getTaints()) {
        if (!previousTaints.contains(taintKey(taint.getKey(), taint.getEffect()))) {
          taints.add(taint);
        }
      }
    }
    taints.addAll(toV1(node.taints()));
    annotations.putAll(annotations(node));
    meta.labels(labels).annotations(annotations);
    if (current.getSpec() == null) {
      current.spec(new V1NodeSpec());
    }
    current.getSpec().taints(taints);
    try {
      // Carries the resourceVersion read above: a concurrent change (a cordon) makes this fail and be redone.
      core.replaceNode(node.name(), current).execute();
    } catch (ApiException e) {
      throw failed("update Node " + node.name(), e);
    }
  }

  @Override
  public void delete(String nodeName) throws CloudException {
    try {
      core.deleteNode(nodeName).execute();
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw failed("delete Node " + nodeName, e);
      }
    }
  }

  private static Map<String, String> annotations(SimNode node) {
    List<String> taintKeys = node.taints().stream()
        .map(t -> taintKey(t.key(), t.effect().name())).sorted().toList();
    return Map.of(
        KWOK_ANNOTATION, "fake",
        POOL_LABEL_KEYS, String.join(",", node.poolLabelKeys()),
        POOL_TAINTS, String.join(",", taintKeys));
  }

  private static String taintKey(String key, String effect) {
    return key + ":" + effect;
  }

  private static List<String> split(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }

  private static List<V1Taint> toV1(List<Taint> taints) {
    return taints.stream()
        .map(t -> new V1Taint().key(t.key()).value(t.value()).effect(t.effect().name()))
        .toList();
  }

  private static CloudException failed(String step, ApiException e) {
    return new CloudException(e.getCode() == 409 ? "Conflict" : "WorkloadServerUnavailable",
        "cannot " + step + " in the workload API server: HTTP " + e.getCode(), null, true, Duration.ofSeconds(2), e);
  }
}
