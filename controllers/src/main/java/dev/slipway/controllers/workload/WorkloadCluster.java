package dev.slipway.controllers.workload;

import dev.slipway.api.ProviderId;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Node;
import java.util.List;

/**
 * Access to one managed cluster's API: a client for writes (cordon, evictions) and a Node cache indexed by canonical
 * providerID, the only key Slipway matches machines to Nodes by.
 */
public final class WorkloadCluster {

  static final String BY_PROVIDER_ID = "byProviderId";
  static final String NODELESS = "nodeless";

  private final String key;
  private final String secretVersion;
  private final ApiClient client;
  private final SharedInformerFactory factory;
  private final SharedIndexInformer<V1Node> nodes;

  WorkloadCluster(String key, String secretVersion, ApiClient client, SharedInformerFactory factory,
      SharedIndexInformer<V1Node> nodes) {
    this.key = key;
    this.secretVersion = secretVersion;
    this.client = client;
    this.factory = factory;
    this.nodes = nodes;
  }

  /**
   * A cluster of a provider that registers no Nodes (the node-less simulated cloud): nothing to watch, always synced,
   * no Node ever found, so there is nothing to cordon or drain; machines' readiness comes from the cloud.
   */
  static WorkloadCluster nodeless(String key) {
    return new WorkloadCluster(key, NODELESS, null, null, null);
  }

  /** Whether this cluster has no workload API (see {@link #nodeless}). */
  public boolean isNodeless() {
    return nodes == null;
  }

  /** {@code namespace/name} of the Cluster object. */
  public String key() {
    return key;
  }

  public ApiClient client() {
    if (client == null) {
      throw new IllegalStateException("cluster " + key + " has no workload API: its provider registers no Nodes");
    }
    return client;
  }

  /** Whether the Node cache has listed once; before that, absent Nodes mean nothing. */
  public boolean synced() {
    return nodes == null || nodes.hasSynced();
  }

  /** The Node whose spec.providerID canonicalises to {@code id}, or null. */
  public V1Node node(ProviderId id) {
    if (nodes == null) {
      return null;
    }
    List<V1Node> matches = nodes.getIndexer().byIndex(BY_PROVIDER_ID, id.value());
    return matches.isEmpty() ? null : matches.get(0);
  }

  /** The Node of that name, or null. For nodes already matched by providerID (names are never matched on). */
  public V1Node nodeByName(String name) {
    return nodes == null ? null : nodes.getIndexer().getByKey(name);
  }

  String secretVersion() {
    return secretVersion;
  }

  void stop() {
    if (factory != null) {
      factory.stopAllRegisteredInformers();
    }
  }

  /** Index function: a Node's canonical providerID; Nodes without a parsable one are not indexed. */
  static List<String> providerIdOf(V1Node node) {
    if (node.getSpec() == null || node.getSpec().getProviderID() == null) {
      return List.of();
    }
    try {
      return List.of(ProviderId.parse(node.getSpec().getProviderID()).value());
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  /** Whether the Node's Ready condition is True. */
  public static boolean isReady(V1Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
