package dev.slipway.controllers.e2e;

import dev.slipway.testing.azure.FakeArm;
import dev.slipway.testing.azure.Machine;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays kubelet for the fake AKS: every VMSS instance of the fake's agent pools (of one managed cluster) registers as
 * a KWOK Node in the workload API server, named as AKS names it, with AKS's providerID
 * ({@code azure:///subscriptions/.../resourceGroups/mc_.../virtualMachineScaleSets/<vmss>/virtualMachines/<n>}, the
 * node resource group lower-cased as AKS's cloud provider writes it), the pool's labels and taints; a Node whose
 * instance is gone is deleted, as the cloud node controller would.
 */
final class AzureKubeletBridge implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AzureKubeletBridge.class);
  static final String BRIDGE_LABEL = "e2e.slipway.dev/azure-bridge";

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final FakeArm fake;
  private final CoreV1Api core;
  private final String cluster;
  private final String bridgeId;
  private final Map<String, String> registered = new ConcurrentHashMap<>();
  private final AtomicInteger errors = new AtomicInteger();

  /**
   * @param cluster the AKS cluster name whose machines become Nodes
   * @param bridgeId a label value that marks this bridge's Nodes (the test's namespace)
   */
  AzureKubeletBridge(FakeArm fake, String cluster, ApiClient workload, String bridgeId) {
    this.fake = fake;
    this.core = new CoreV1Api(workload);
    this.cluster = cluster;
    this.bridgeId = bridgeId;
    executor.scheduleWithFixedDelay(this::sync, 0, 500, TimeUnit.MILLISECONDS);
  }

  /** Node name -> providerID of the Nodes registered now. */
  Map<String, String> registered() {
    return Map.copyOf(registered);
  }

  int errors() {
    return errors.get();
  }

  private void sync() {
    try {
      Map<String, Machine> machines = new HashMap<>();
      for (Machine machine : fake.machines()) {
        if (machine.cluster().equals(cluster)) {
          machines.put(machine.nodeName(), machine);
        }
      }
      for (Machine machine : machines.values()) {
        if (!registered.containsKey(machine.nodeName())) {
          register(machine);
        }
      }
      for (V1Node node : core.listNode().labelSelector(BRIDGE_LABEL + "=" + bridgeId).execute().getItems()) {
        Machine machine = machines.get(node.getMetadata().getName());
        if (machine == null || !machine.providerId().equals(node.getSpec().getProviderID())) {
          core.deleteNode(node.getMetadata().getName()).execute();
          registered.remove(node.getMetadata().getName());
          LOG.info("Machine of Node {} is gone: Node deleted", node.getMetadata().getName());
        }
      }
    } catch (RuntimeException | ApiException e) {
      if (errors.incrementAndGet() == 1) {
        LOG.warn("bridge pass failed (later failures are logged at debug): {}", e instanceof ApiException
            ? ((ApiException) e).getResponseBody() : e.toString());
      } else {
        LOG.debug("bridge pass failed: {}", e.toString());
      }
    }
  }

  private void register(Machine machine) throws ApiException {
    Map<String, String> labels = new HashMap<>(machine.kubernetesLabels());
    // A label value holds 63 characters; a long test namespace makes the node resource group longer than that.
    labels.values().removeIf(value -> value.length() > 63);
    labels.put(BRIDGE_LABEL, bridgeId);
    List<V1Taint> taints = machine.poolTaints().stream().map(AzureKubeletBridge::taint).toList();
    V1Node node = new V1Node().metadata(new V1ObjectMeta().name(machine.nodeName()).labels(labels)
            .annotations(Map.of("kwok.x-k8s.io/node", "fake")))
        .spec(new V1NodeSpec().providerID(machine.providerId()).taints(taints.isEmpty() ? null : taints));
    try {
      core.createNode(node).execute();
      LOG.info("VMSS instance {} registered as Node {}", machine.resourceId(), machine.nodeName());
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    registered.put(machine.nodeName(), machine.providerId());
  }

  private static V1Taint taint(String aks) {
    int colon = aks.lastIndexOf(':');
    String keyValue = aks.substring(0, colon);
    int equals = keyValue.indexOf('=');
    return new V1Taint().key(equals < 0 ? keyValue : keyValue.substring(0, equals))
        .value(equals < 0 ? null : keyValue.substring(equals + 1)).effect(aks.substring(colon + 1));
  }

  /** Node names registered for a pool's scale set, for assertions. */
  Set<String> nodesOf(String pool) {
    return fake.machines().stream().filter(m -> m.cluster().equals(cluster) && m.pool().equals(pool))
        .map(Machine::nodeName).collect(java.util.stream.Collectors.toSet());
  }

  /** Stops playing kubelet and removes the Nodes this bridge registered. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      core.deleteCollectionNode().labelSelector(BRIDGE_LABEL + "=" + bridgeId).execute();
    } catch (ApiException e) {
      LOG.warn("Could not delete the bridge's Nodes: HTTP {}", e.getCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
