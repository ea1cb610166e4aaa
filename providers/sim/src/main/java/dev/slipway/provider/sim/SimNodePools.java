package dev.slipway.provider.sim;

import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.NodePoolService;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Simulated node pools, serialised per cluster like AKS agent pools: while one pool operation (or a control plane
 * operation) runs on a cluster, another mutating call for that cluster answers RETRY_LATER {@code ClusterBusy};
 * repeating the running operation itself answers IN_PROGRESS.
 *
 * <p>Field classification: {@code version} and {@code template} are fixed at creation (a difference is reported by
 * {@link #observe} and never applied); {@code replicas}, {@code autoscaling}, {@code nodeLabels}, {@code taints} and
 * {@code mode} are applied in place. With autoscaling the simulated autoscaler keeps the count inside the bounds
 * (clamping it when they change) and otherwise leaves it alone.
 */
final class SimNodePools implements NodePoolService {

  private final SimCloud cloud;

  SimNodePools(SimCloud cloud) {
    this.cloud = cloud;
  }

  @Override
  public NodePoolState observe(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    return cloud.call(cluster, "observe pool", "observe pool " + cloudPoolName, true, (state, now) -> {
      PoolRecord pool = state.pools().get(cloudPoolName);
      return new SimCloud.Outcome<>(state, pool == null ? NodePoolState.absent() : view(cluster, pool, now, cloud.hasNodes()));
    });
  }

  @Override
  public List<String> list(ClusterTarget cluster) throws CloudException {
    return cloud.call(cluster, "list pools", "list pools", true,
        (state, now) -> new SimCloud.Outcome<>(state, List.copyOf(state.pools().keySet())));
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster, NodePoolSpec desired) throws CloudException {
    return cloud.call(cluster, "ensure pool", "ensure pool " + desired.cloudPoolName(), true,
        (state, now) -> ensure(cluster, desired, state, now));
  }

  private SimCloud.Outcome<OperationStatus> ensure(ClusterTarget cluster, NodePoolSpec desired,
      SimClusterState state, Instant now) throws CloudException {
    String name = desired.cloudPoolName();
    requireControlPlane(cluster, state, now);
    PoolRecord pool = state.pools().get(name);
    if (pool == null) {
      OperationStatus blocked = blockedBy(state, now, name);
      if (blocked != null) {
        return new SimCloud.Outcome<>(state, blocked);
      }
      int count = desired.replicas() != null ? desired.replicas() : desired.autoscaling().minReplicas();
      pool = PoolOperations.create(desired, count, now, cloud.latency(cluster), cloud.random(cluster, name, 1),
          cloud.operationFailure("create of pool " + name));
      return new SimCloud.Outcome<>(state.withPool(pool), SimCloud.statusOf(pool.operation(), now, name));
    }
    int count = desiredCount(pool, desired);
    boolean countDiffers = count != pool.count();
    boolean othersDiffer = !Objects.equals(desired.autoscaling(), pool.autoscaling())
        || !desired.nodeLabels().equals(pool.nodeLabels()) || !desired.taints().equals(pool.taints())
        || desired.mode() != pool.mode();
    OperationRecord running = pool.operation();
    if (running.inProgress(now)) {
      if (running.kind() != OperationKind.DELETE && !countDiffers && !othersDiffer) {
        // The same operation asked for again (a controller that crashed before recording it): still running.
        return new SimCloud.Outcome<>(state, SimCloud.statusOf(running, now, name));
      }
      return new SimCloud.Outcome<>(state, SimCloud.busy(running, now, name));
    }
    boolean failed = running.failedBy(now);
    if (!countDiffers && !othersDiffer && !failed) {
      return new SimCloud.Outcome<>(state, OperationStatus.done());
    }
    OperationStatus blocked = blockedBy(state, now, name);
    if (blocked != null) {
      return new SimCloud.Outcome<>(state, blocked);
    }
    // A failed pool is recovered by calling again, as with AKS: a failed create is retried as a create.
    OperationKind kind = failed && running.kind() == OperationKind.CREATE ? OperationKind.CREATE
        : othersDiffer || failed ? OperationKind.UPDATE : OperationKind.SCALE;
    PoolRecord changed = pool.withInPlace(count, desired.autoscaling(), desired.nodeLabels(), desired.taints(),
        desired.mode());
    changed = PoolOperations.start(changed, kind, now, cloud.latency(cluster),
        cloud.random(cluster, name, pool.operations() + 1),
        cloud.operationFailure(kind.progressWord() + " pool " + name));
    return new SimCloud.Outcome<>(state.withPool(changed), SimCloud.statusOf(changed.operation(), now, name));
  }

  /** The count the pool should hold: the replicas asked for, or with autoscaling its count clamped to the bounds. */
  private static int desiredCount(PoolRecord pool, NodePoolSpec desired) {
    if (desired.replicas() != null) {
      return desired.replicas();
    }
    Autoscaling bounds = desired.autoscaling();
    return Math.max(bounds.minReplicas(), Math.min(bounds.maxReplicas(), pool.count()));
  }

  @Override
  public OperationStatus delete(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    return cloud.call(cluster, "delete pool", "delete pool " + cloudPoolName, true, (state, now) -> {
      PoolRecord pool = state.pools().get(cloudPoolName);
      if (pool == null) {
        return new SimCloud.Outcome<>(state, OperationStatus.done());
      }
      OperationRecord running = pool.operation();
      if (running.inProgress(now)) {
        return new SimCloud.Outcome<>(state, running.kind() == OperationKind.DELETE
            ? SimCloud.statusOf(running, now, cloudPoolName) : SimCloud.busy(running, now, cloudPoolName));
      }
      OperationStatus blocked = blockedBy(state, now, cloudPoolName);
      if (blocked != null) {
        return new SimCloud.Outcome<>(state, blocked);
      }
      PoolRecord deleting = PoolOperations.start(pool, OperationKind.DELETE, now, cloud.latency(cluster),
          cloud.random(cluster, cloudPoolName, pool.operations() + 1),
          cloud.operationFailure("delete of pool " + cloudPoolName));
      return new SimCloud.Outcome<>(state.withPool(deleting),
          SimCloud.statusOf(deleting.operation(), now, cloudPoolName));
    });
  }

  /** RETRY_LATER when the control plane or another pool of the cluster has an operation running; else null. */
  private static OperationStatus blockedBy(SimClusterState state, Instant now, String pool) {
    ControlPlaneRecord controlPlane = state.controlPlane();
    if (controlPlane != null && controlPlane.inProgress(now)) {
      return SimCloud.busy(controlPlane.operation(), now, "control plane");
    }
    for (PoolRecord other : state.pools().values()) {
      if (!other.name().equals(pool) && other.inProgress(now)) {
        return SimCloud.busy(other.operation(), now, other.name());
      }
    }
    return null;
  }

  private void requireControlPlane(ClusterTarget cluster, SimClusterState state, Instant now)
      throws CloudException {
    ControlPlaneRecord controlPlane = state.controlPlane();
    if (controlPlane == null
        || controlPlane.operation().kind() == OperationKind.CREATE && controlPlane.operation().failedBy(now)) {
      throw CloudException.retryable("ResourceNotFound", "managed cluster " + cluster.key() + " does not exist",
          cloud.requestId(), Duration.ofSeconds(30));
    }
  }

  private static NodePoolState view(ClusterTarget cluster, PoolRecord pool, Instant now, boolean hasNodes) {
    OperationRecord operation = pool.operation();
    ProvisioningPhase phase;
    String provisioningState;
    String message = null;
    if (operation.inProgress(now)) {
      phase = operation.kind() == OperationKind.CREATE ? ProvisioningPhase.CREATING
          : operation.kind() == OperationKind.DELETE ? ProvisioningPhase.DELETING : ProvisioningPhase.UPDATING;
      provisioningState = operation.kind().progressWord();
      long registered = pool.machines().stream().filter(m -> !m.leaving() && m.nodeDue(now)).count();
      message = operation.kind().progressWord() + ": " + registered + " of " + pool.count() + " nodes registered";
    } else if (operation.failureCode() != null) {
      phase = ProvisioningPhase.FAILED;
      provisioningState = "Failed";
      message = operation.failureText();
    } else {
      phase = ProvisioningPhase.READY;
      provisioningState = "Succeeded";
    }
    List<ProviderId> machines = pool.machines().stream()
        .filter(m -> m.vmExists(now))
        .map(m -> SimIdentities.canonicalProviderId(cluster.namespace(), cluster.name(), pool.name(), m.ordinal()))
        .toList();
    return new NodePoolState(phase, provisioningState,
        SimIdentities.poolResourceId(cluster.namespace(), cluster.name(), pool.name()), pool.version(),
        pool.template(), pool.count(), pool.autoscaling(), pool.nodeLabels(), pool.taints(), pool.mode(), machines,
        message, hasNodes ? null : readyMachines(pool, now));
  }

  /** Node-less mode: a machine is ready once its VM exists and its node would have registered. */
  private static int readyMachines(PoolRecord pool, Instant now) {
    return (int) pool.machines().stream().filter(m -> m.vmExists(now) && m.nodeDue(now)).count();
  }
}
