package dev.slipway.provider.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.OperationStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-cluster operation queue: AKS runs at most one agent-pool or cluster operation per managed cluster and
 * answers 409 to a second one; one stuck operation therefore holds up every other pool of that cluster. Before
 * starting a mutating operation the provider asks this gate, which
 * <ol>
 *   <li>lets one thread of this process start an operation on a cluster at a time ({@code tryStart}: a second
 *       thread gets {@code RETRY_LATER} at once, it never waits);</li>
 *   <li>reads the cluster and its pools from AKS and answers {@code RETRY_LATER ClusterBusy}, naming what is in
 *       flight, when any of them is not in a terminal provisioning state. The cloud is the record, so the queue holds
 *       across restarts, replicas and operations started outside Slipway;</li>
 *   <li>turns AKS's own 409 (the race the check cannot close) into {@code RETRY_LATER ClusterBusy} too.</li>
 * </ol>
 * Only the pool or cluster that wanted to act waits (by being requeued); other clusters, other providers and every
 * worker thread go on. A busy answer costs two GETs.
 */
final class AksOperationGate {

  /** Starts one cloud operation; SDK failures are thrown as they are and classified by the gate. */
  @FunctionalInterface
  interface Start {
    OperationStatus run();
  }

  private final AzureClients clients;
  private final Duration poll;
  private final Set<String> starting = ConcurrentHashMap.newKeySet();

  AksOperationGate(AzureClients clients) {
    this.clients = clients;
    this.poll = clients.properties().pollInterval();
  }

  /**
   * Starts {@code start} if nothing else runs on the cluster.
   *
   * @param operation what is being started, for messages, e.g. {@code create agent pool blue1a2b3c4d5}
   */
  OperationStatus start(ClusterTarget cluster, String operation, Start start) throws CloudException {
    String key = AksNames.key(cluster).toLowerCase(Locale.ROOT);
    if (!starting.add(key)) {
      return OperationStatus.retryLater(poll, "ClusterBusy", "another operation on AKS cluster "
          + AksNames.clusterName(cluster) + " is being started by this controller; " + operation + " waits");
    }
    try {
      String busy = busyWith(cluster);
      if (busy != null) {
        return OperationStatus.retryLater(poll, "ClusterBusy", "AKS cluster " + AksNames.clusterName(cluster)
            + " runs one operation at a time and " + busy + "; " + operation + " waits");
      }
      try {
        return start.run();
      } catch (RuntimeException e) {
        if (AzureErrors.isBusy(e)) {
          return OperationStatus.retryLater(poll, "ClusterBusy", "AKS refused to " + operation + " while another "
              + "operation runs: " + AzureErrors.map(operation, e).describe());
        }
        throw AzureErrors.map(operation, e);
      }
    } finally {
      starting.remove(key);
    }
  }

  /** What is in flight on the cluster (e.g. {@code agent pool blue is Upgrading}), or null when nothing. */
  String busyWith(ClusterTarget cluster) throws CloudException {
    String subscription = AksNames.subscription(cluster);
    String group = AksNames.resourceGroup(cluster);
    String name = AksNames.clusterName(cluster);
    try {
      ManagedClusterInner managed = clients.managedClusters(subscription)
          .getByResourceGroupWithResponse(group, name, Context.NONE).getValue();
      if (!AgentPoolFields.terminal(managed.provisioningState())) {
        return "the managed cluster is " + managed.provisioningState();
      }
      for (AgentPoolInner pool : clients.agentPools(subscription).list(group, name, Context.NONE)) {
        if (!AgentPoolFields.terminal(pool.provisioningState())) {
          return "agent pool " + pool.name() + " is " + pool.provisioningState();
        }
      }
      return null;
    } catch (RuntimeException e) {
      if (AzureErrors.isNotFound(e)) {
        return null;
      }
      throw AzureErrors.map("read the operations in flight on AKS cluster " + name, e);
    }
  }
}
