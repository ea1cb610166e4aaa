package dev.slipway.provider.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.MachineInner;
import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.NodePoolService;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AKS agent pools as Slipway node pools. Fields: {@link AgentPoolFields} (the classification is in the README).
 * Every mutating call goes through the {@link AksOperationGate}. Machines are the pool's VMSS instances from the
 * agent pool's {@code machines} collection, reported as canonical {@code azure://} providerIDs of their full
 * resource IDs: ordinals repeat in every scale set and are never used on their own.
 */
final class AksAgentPools implements NodePoolService {

  private static final Logger LOG = LoggerFactory.getLogger(AksAgentPools.class);

  private final AzureClients clients;
  private final AksOperationGate gate;
  private final Duration poll;

  AksAgentPools(AzureClients clients, AksOperationGate gate) {
    this.clients = clients;
    this.gate = gate;
    this.poll = clients.properties().pollInterval();
  }

  @Override
  public NodePoolState observe(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    AgentPoolInner pool = get(cluster, cloudPoolName);
    if (pool == null) {
      return NodePoolState.absent();
    }
    ProvisioningPhase phase = AgentPoolFields.phase(pool.provisioningState());
    return new NodePoolState(phase, pool.provisioningState(), pool.id(), pool.orchestratorVersion(),
        AgentPoolFields.observedTemplate(pool), pool.count(), AgentPoolFields.autoscaling(pool),
        AgentPoolFields.labels(pool), AgentPoolFields.taints(pool), AgentPoolFields.mode(pool),
        machines(cluster, cloudPoolName), phase == ProvisioningPhase.FAILED
            ? AgentPoolFields.failure("agent pool " + cloudPoolName, pool.status() == null ? null
                : pool.status().provisioningError()) : null);
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster, NodePoolSpec desired) throws CloudException {
    String name = desired.cloudPoolName();
    AgentPoolInner pool = get(cluster, name);
    if (pool == null) {
      AgentPoolInner body = AgentPoolFields.create(desired);
      OperationStatus status = put(cluster, name, body, "create agent pool " + name, "PoolCreating");
      if (status.kind() == OperationStatus.Kind.IN_PROGRESS) {
        LOG.info("Creating AKS agent pool {} ({}, {}, Kubernetes {}) in cluster {}", name,
            desired.template().machineType(), desired.template().osImage(), desired.version(),
            AksNames.key(cluster));
      }
      return status;
    }
    switch (AgentPoolFields.phase(pool.provisioningState())) {
      case CREATING:
      case UPDATING:
        return OperationStatus.inProgress(poll, "PoolUpdating", "agent pool " + name + " is "
            + pool.provisioningState());
      case DELETING:
        return OperationStatus.retryLater(poll, "PoolDeleting", "agent pool " + name + " is being deleted");
      case FAILED:
        // AKS repairs a Failed pool with a PUT of its own model; the in-place fields are set on the way.
        return put(cluster, name, AgentPoolFields.applyInPlace(pool, desired), "reconcile failed agent pool " + name,
            "PoolUpdating");
      case READY:
      default:
        List<String> differing = AgentPoolFields.inPlaceDifferences(pool, desired);
        if (differing.isEmpty()) {
          return OperationStatus.done();
        }
        // Only the in-place fields change; the pool's template and version stay as AKS has them.
        return put(cluster, name, AgentPoolFields.applyInPlace(pool, desired), "update " + differing
            + " of agent pool " + name, "PoolUpdating");
    }
  }

  @Override
  public OperationStatus delete(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    AgentPoolInner pool = get(cluster, cloudPoolName);
    if (pool == null) {
      return OperationStatus.done();
    }
    if (AgentPoolFields.phase(pool.provisioningState()) == ProvisioningPhase.DELETING) {
      return OperationStatus.inProgress(poll, "PoolDeleting", "agent pool " + cloudPoolName + " is Deleting");
    }
    if (AgentPoolFields.mode(pool) == NodepoolMode.System && otherSystemPools(cluster, cloudPoolName) == 0) {
      if (cluster.deleting()) {
        // AKS refuses to delete a cluster's last System pool; it goes with the managed cluster, which is next.
        return OperationStatus.done();
      }
      return OperationStatus.retryLater(poll, "LastSystemPool", "agent pool " + cloudPoolName + " is the last "
          + "System pool of AKS cluster " + AksNames.clusterName(cluster) + ", which AKS needs: add another System "
          + "Nodepool before removing this one");
    }
    String what = "delete agent pool " + cloudPoolName;
    OperationStatus status = gate.start(cluster, what, () -> {
      pools(cluster).beginDelete(AksNames.resourceGroup(cluster), AksNames.clusterName(cluster), cloudPoolName,
          null, null, Context.NONE);
      return OperationStatus.inProgress(poll, "PoolDeleting", what);
    });
    if (status.kind() == OperationStatus.Kind.IN_PROGRESS) {
      LOG.info("Deleting AKS agent pool {} of cluster {}", cloudPoolName, AksNames.key(cluster));
    }
    return status;
  }

  @Override
  public List<String> list(ClusterTarget cluster) throws CloudException {
    List<String> names = new ArrayList<>();
    try {
      for (AgentPoolInner pool : pools(cluster).list(AksNames.resourceGroup(cluster), AksNames.clusterName(cluster),
          Context.NONE)) {
        names.add(pool.name());
      }
      return names;
    } catch (RuntimeException e) {
      if (AzureErrors.isNotFound(e)) {
        return List.of();
      }
      throw AzureErrors.map("list the agent pools of AKS cluster " + AksNames.key(cluster), e);
    }
  }

  private int otherSystemPools(ClusterTarget cluster, String except) throws CloudException {
    int count = 0;
    try {
      for (AgentPoolInner pool : pools(cluster).list(AksNames.resourceGroup(cluster), AksNames.clusterName(cluster),
          Context.NONE)) {
        if (!pool.name().equals(except) && AgentPoolFields.mode(pool) == NodepoolMode.System
            && AgentPoolFields.phase(pool.provisioningState()) != ProvisioningPhase.DELETING) {
          count++;
        }
      }
      return count;
    } catch (RuntimeException e) {
      throw AzureErrors.map("list the agent pools of AKS cluster " + AksNames.key(cluster), e);
    }
  }

  private OperationStatus put(ClusterTarget cluster, String name, AgentPoolInner body, String what, String reason)
      throws CloudException {
    return gate.start(cluster, what, () -> {
      // The poller is dropped: the first response starts the operation, observe() follows provisioningState.
      pools(cluster).beginCreateOrUpdate(AksNames.resourceGroup(cluster), AksNames.clusterName(cluster), name, body,
          null, null, Context.NONE);
      return OperationStatus.inProgress(poll, reason, what);
    });
  }

  private List<ProviderId> machines(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    List<ProviderId> machines = new ArrayList<>();
    try {
      for (MachineInner machine : clients.machines(AksNames.subscription(cluster))
          .list(AksNames.resourceGroup(cluster), AksNames.clusterName(cluster), cloudPoolName, Context.NONE)) {
        if (machine.properties() != null && machine.properties().resourceId() != null) {
          machines.add(ProviderId.parse("azure://" + machine.properties().resourceId()));
        }
      }
      return machines;
    } catch (RuntimeException e) {
      if (AzureErrors.isNotFound(e)) {
        return List.of();
      }
      throw AzureErrors.map("list the machines of agent pool " + cloudPoolName, e);
    }
  }

  private AgentPoolInner get(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    try {
      return pools(cluster).getWithResponse(AksNames.resourceGroup(cluster), AksNames.clusterName(cluster),
          cloudPoolName, Context.NONE).getValue();
    } catch (RuntimeException e) {
      if (AzureErrors.isNotFound(e)) {
        return null;
      }
      throw AzureErrors.map("read agent pool " + cloudPoolName + " of AKS cluster " + AksNames.key(cluster), e);
    }
  }

  private AgentPoolsClient pools(ClusterTarget cluster) {
    return clients.agentPools(AksNames.subscription(cluster));
  }
}
