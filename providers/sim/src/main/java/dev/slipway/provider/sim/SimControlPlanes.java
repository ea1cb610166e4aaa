package dev.slipway.provider.sim;

import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ControlPlaneService;
import dev.slipway.provider.ControlPlaneState;
import dev.slipway.provider.Kubeconfig;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Simulated control planes: CREATING until their create time, then READY; UPDATING while upgrading; DELETING, then
 * ABSENT. Deleting a control plane deletes its pools with it, as AKS and EKS do (EKS would refuse; Slipway deletes
 * pools first anyway).
 */
final class SimControlPlanes implements ControlPlaneService {

  private final SimCloud cloud;

  SimControlPlanes(SimCloud cloud) {
    this.cloud = cloud;
  }

  @Override
  public ControlPlaneState observe(ClusterTarget cluster) throws CloudException {
    return cloud.call(cluster, "observe control plane", "observe control plane", true,
        (state, now) -> new SimCloud.Outcome<>(state, view(cluster, state.controlPlane(), now)));
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster) throws CloudException {
    return cloud.call(cluster, "ensure control plane", "ensure control plane", true, (state, now) -> ensure(cluster, state, now));
  }

  private SimCloud.Outcome<OperationStatus> ensure(ClusterTarget cluster, SimClusterState state, Instant now)
      throws CloudException {
    String desired = cluster.spec().version();
    ControlPlaneRecord controlPlane = state.controlPlane();
    if (controlPlane == null) {
      controlPlane = start(cluster, new ControlPlaneRecord(desired, cluster.spec().region(),
          OperationRecord.succeeding(OperationKind.CREATE, now, now, null), 0), OperationKind.CREATE, desired, now);
      return new SimCloud.Outcome<>(state.withControlPlane(controlPlane),
          SimCloud.statusOf(controlPlane.operation(), now, "control plane"));
    }
    OperationRecord running = controlPlane.operation();
    if (running.inProgress(now)) {
      String target = running.kind() == OperationKind.UPGRADE ? running.targetVersion() : controlPlane.version();
      if (running.kind() != OperationKind.DELETE && KubernetesVersions.compare(desired, target) == 0) {
        return new SimCloud.Outcome<>(state, SimCloud.statusOf(running, now, "control plane"));
      }
      return new SimCloud.Outcome<>(state, SimCloud.busy(running, now, "control plane"));
    }
    int comparison = KubernetesVersions.compare(desired, controlPlane.version());
    if (comparison < 0) {
      throw CloudException.permanent("OperationNotAllowed", "control plane of " + cluster.key() + " runs "
          + controlPlane.version() + "; downgrading to " + desired + " is not supported", cloud.requestId());
    }
    if (KubernetesVersions.minorsAhead(desired, controlPlane.version()) > 1) {
      throw CloudException.permanent("OperationNotAllowed", "control plane of " + cluster.key() + " runs "
          + controlPlane.version() + "; it can be upgraded one minor version at a time, not to " + desired,
          cloud.requestId());
    }
    boolean failed = running.failedBy(now);
    if (comparison == 0 && !failed) {
      return new SimCloud.Outcome<>(state, OperationStatus.done());
    }
    for (PoolRecord pool : state.pools().values()) {
      if (pool.inProgress(now)) {
        return new SimCloud.Outcome<>(state, SimCloud.busy(pool.operation(), now, "pool " + pool.name()));
      }
    }
    // A failed create is retried as a create; anything else (an upgrade, or a failed one retried) as an upgrade.
    OperationKind kind = failed && running.kind() == OperationKind.CREATE ? OperationKind.CREATE
        : OperationKind.UPGRADE;
    String target = comparison > 0 ? desired : controlPlane.version();
    controlPlane = start(cluster, controlPlane, kind, target, now);
    return new SimCloud.Outcome<>(state.withControlPlane(controlPlane),
        SimCloud.statusOf(controlPlane.operation(), now, "control plane"));
  }

  private ControlPlaneRecord start(ClusterTarget cluster, ControlPlaneRecord controlPlane, OperationKind kind,
      String targetVersion, Instant now) {
    LatencyModel latency = cloud.latency(cluster);
    LatencyModel.Range duration = kind == OperationKind.CREATE ? latency.controlPlaneCreate()
        : kind == OperationKind.DELETE ? latency.controlPlaneDelete() : latency.controlPlaneUpgrade();
    Instant doneAt = duration.after(now, cloud.random(cluster, "control-plane", controlPlane.operations() + 1));
    PoolOperations.Failure failure = cloud.operationFailure(kind.progressWord() + " control plane of "
        + cluster.key());
    String target = kind == OperationKind.UPGRADE ? targetVersion : null;
    OperationRecord operation = failure == null ? OperationRecord.succeeding(kind, now, doneAt, target)
        : OperationRecord.failing(kind, now, doneAt, target, failure.code(), failure.message());
    return controlPlane.withOperation(operation);
  }

  @Override
  public OperationStatus delete(ClusterTarget cluster) throws CloudException {
    return cloud.call(cluster, "delete control plane", "delete control plane", true, (state, now) -> {
      ControlPlaneRecord controlPlane = state.controlPlane();
      if (controlPlane == null) {
        return new SimCloud.Outcome<>(state, OperationStatus.done());
      }
      OperationRecord running = controlPlane.operation();
      if (running.kind() == OperationKind.DELETE && running.inProgress(now)) {
        return new SimCloud.Outcome<>(state, SimCloud.statusOf(running, now, "control plane"));
      }
      // Like AKS, a cluster can be deleted whatever runs on it.
      controlPlane = start(cluster, controlPlane, OperationKind.DELETE, null, now);
      OperationRecord deletion = controlPlane.operation();
      SimClusterState next = state.withControlPlane(controlPlane);
      if (deletion.failureCode() == null) {
        Map<String, PoolRecord> pools = new TreeMap<>();
        for (PoolRecord pool : state.pools().values()) {
          pools.put(pool.name(), pool.started(deletion, pool.machines().stream()
              .map(m -> m.deleteAt() != null && m.deleteAt().isBefore(deletion.doneAt()) ? m
                  : m.withDeleteAt(deletion.doneAt()))
              .toList(), pool.nextOrdinal()));
        }
        next = next.withPools(pools);
      }
      return new SimCloud.Outcome<>(next, SimCloud.statusOf(deletion, now, "control plane"));
    });
  }

  @Override
  public Kubeconfig kubeconfig(ClusterTarget cluster) throws CloudException {
    ControlPlaneState observed = observe(cluster);
    if (observed.phase() == ProvisioningPhase.ABSENT || observed.phase() == ProvisioningPhase.CREATING
        || observed.phase() == ProvisioningPhase.DELETING) {
      throw CloudException.retryable("ControlPlaneNotReady", "control plane of " + cluster.key() + " is "
          + observed.phase() + "; no kubeconfig yet", cloud.requestId(), Duration.ofSeconds(10));
    }
    if (cloud.workload() != null) {
      return new Kubeconfig(cloud.workload().kubeconfigYaml(), null);
    }
    return new Kubeconfig(nodelessKubeconfig(cluster), null);
  }

  /** A kubeconfig that names an unreachable server: node-less clusters have no API to talk to. */
  private static String nodelessKubeconfig(ClusterTarget cluster) {
    String context = cluster.namespace() + "-" + cluster.name();
    return "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- name: " + context + "\n"
        + "  cluster:\n"
        + "    server: " + SimIdentities.nodelessEndpoint(cluster.namespace(), cluster.name()) + "\n"
        + "contexts:\n"
        + "- name: " + context + "\n"
        + "  context:\n"
        + "    cluster: " + context + "\n"
        + "    user: " + context + "\n"
        + "current-context: " + context + "\n"
        + "users:\n"
        + "- name: " + context + "\n"
        + "  user: {}\n";
  }

  private ControlPlaneState view(ClusterTarget cluster, ControlPlaneRecord controlPlane, Instant now) {
    if (controlPlane == null) {
      return ControlPlaneState.absent();
    }
    OperationRecord operation = controlPlane.operation();
    ProvisioningPhase phase;
    String provisioningState;
    String message = null;
    if (operation.inProgress(now)) {
      phase = operation.kind() == OperationKind.CREATE ? ProvisioningPhase.CREATING
          : operation.kind() == OperationKind.DELETE ? ProvisioningPhase.DELETING : ProvisioningPhase.UPDATING;
      provisioningState = operation.kind().progressWord();
      message = operation.kind() == OperationKind.UPGRADE ? "upgrading to " + operation.targetVersion() : null;
    } else if (operation.failureCode() != null) {
      phase = ProvisioningPhase.FAILED;
      provisioningState = "Failed";
      message = operation.failureText();
    } else {
      phase = ProvisioningPhase.READY;
      provisioningState = "Succeeded";
    }
    String endpoint = phase == ProvisioningPhase.CREATING ? null : cloud.workload() != null
        ? cloud.workload().endpoint() : SimIdentities.nodelessEndpoint(cluster.namespace(), cluster.name());
    return new ControlPlaneState(phase, provisioningState, controlPlane.version(), endpoint,
        SimIdentities.controlPlaneResourceId(cluster.namespace(), cluster.name()), message);
  }
}
