package dev.slipway.controllers.machinepool;

import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.MachinePoolSpec;
import dev.slipway.api.v1alpha1.MachinePoolStatus;
import dev.slipway.api.v1alpha1.NodeRef;
import dev.slipway.controllers.conditions.Conditions;
import dev.slipway.controllers.identity.ClusterIdentities;
import dev.slipway.controllers.identity.IdentityCheck;
import dev.slipway.controllers.conditions.Progress;
import dev.slipway.controllers.metrics.NodeReadyMetrics;
import dev.slipway.controllers.metrics.RolloutMetrics;
import dev.slipway.controllers.runtime.CrashPoints;
import dev.slipway.controllers.runtime.Events;
import dev.slipway.controllers.runtime.Finalizers;
import dev.slipway.controllers.runtime.Labels;
import dev.slipway.controllers.runtime.LiveSettings;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.Requeue;
import dev.slipway.controllers.runtime.ResourceWriter;
import dev.slipway.controllers.workload.WorkloadCluster;
import dev.slipway.controllers.workload.WorkloadClusters;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.Provider;
import dev.slipway.provider.Providers;
import dev.slipway.provider.ProvisioningPhase;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.openapi.models.V1Node;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Reconciles a MachinePool with exactly one cloud pool: creates it, applies in-place fields (count, labels, taints,
 * mode) and reverts out-of-band changes to them, and reports its machines and their Nodes, matched by full canonical
 * providerID. The finalizer deletes the cloud pool and is removed only once the cloud confirms it is gone.
 */
@Component
public class MachinePoolReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(MachinePoolReconciler.class);

  private final ManagementInformers informers;
  private final ResourceWriter writer;
  private final Providers providers;
  private final WorkloadClusters workloadClusters;
  private final LiveSettings settings;
  private final Clock clock;
  private final Events events;
  private final CrashPoints crashPoints;
  private final NodeReadyMetrics nodeReady;
  private final ClusterIdentities identities;

  public MachinePoolReconciler(ManagementInformers informers, ResourceWriter writer, Providers providers,
      WorkloadClusters workloadClusters, LiveSettings settings, Clock clock, Events events,
      CrashPoints crashPoints, NodeReadyMetrics nodeReady, ClusterIdentities identities) {
    this.identities = identities;
    this.informers = informers;
    this.writer = writer;
    this.providers = providers;
    this.workloadClusters = workloadClusters;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
    this.crashPoints = crashPoints;
    this.nodeReady = nodeReady;
  }

  @Override
  public Result reconcile(Request request) {
    MachinePool pool = informers.machinePool(request.getNamespace(), request.getName());
    if (pool == null) {
      return Requeue.done();
    }
    MachinePoolSpec spec = pool.getSpec();
    MDC.put("cluster", request.getNamespace() + "/" + spec.clusterName());
    Cluster cluster = informers.cluster(request.getNamespace(), spec.clusterName());
    MachinePoolStatus previous = pool.getStatus() == null ? emptyStatus() : pool.getStatus();
    long generation = Objects.requireNonNullElse(pool.getMetadata().getGeneration(), 0L);
    OffsetDateTime now = OffsetDateTime.now(clock);
    Duration poll = settings.get().controllers().pollInterval();

    boolean deleting = pool.getMetadata().getDeletionTimestamp() != null;
    if (deleting && !Finalizers.has(pool)) {
      return Requeue.done();
    }
    if (cluster == null) {
      // Nothing can have been created in a cloud without the Cluster: the finalizer is added only once it exists.
      if (deleting && neverReachedTheCloud(previous)) {
        events.normal(pool, "FinalizerRemoved", "Cluster " + spec.clusterName() + " does not exist and no cloud "
            + "pool was ever created for this MachinePool; removing the finalizer");
        Finalizers.remove(pool, writer);
        return Requeue.done();
      }
      String message = "Cluster " + spec.clusterName() + " does not exist in namespace " + request.getNamespace()
          + (deleting ? "; the cloud pool cannot be deleted without it, so the finalizer stays" : "");
      writeStatus(pool, notReady(previous, ConditionReasons.CLUSTER_NOT_FOUND, message, generation, now));
      return Requeue.resync(settings.get().controllers());
    }
    MachinePool owner = CloudPoolClaims.owner(pool, ManagementInformers.byIndex(informers.machinePools(),
        ManagementInformers.BY_CLOUD_POOL, request.getNamespace(), spec.clusterName() + "/" + spec.cloudPoolName()));
    if (!CloudPoolClaims.same(owner, pool)) {
      return standAside(pool, owner.getMetadata().getName(), previous, generation, now);
    }
    if (!deleting) {
      pool = Finalizers.ensure(pool, writer);
    }
    if (Boolean.TRUE.equals(cluster.getSpec().paused())) {
      List<Condition> conditions = Conditions.paused(previous.conditions(), "Cluster " + spec.clusterName()
          + " is paused", generation, now);
      writeStatus(pool, with(previous, previous.phase(), conditions, previous.observedGeneration()));
      return Requeue.done();
    }
    Optional<Provider> provider = providers.find(cluster.getSpec().provider());
    if (provider.isEmpty()) {
      writeStatus(pool, notReady(previous, ConditionReasons.PROVIDER_NOT_CONFIGURED, "provider "
          + cluster.getSpec().provider().value() + " is not configured in this Slipway", generation, now));
      return Requeue.resync(settings.get().controllers());
    }
    IdentityCheck identity = identities.check(cluster);
    if (!identity.allowed()) {
      if (!identity.reason().equals(readyReason(previous))) {
        events.warning(pool, identity.reason(), "Cluster " + spec.clusterName() + ": " + identity.message());
      }
      writeStatus(pool, notReady(previous, identity.reason(), "Cluster " + spec.clusterName() + ": "
          + identity.message() + (deleting ? "; the finalizer stays so the cloud pool is not lost" : ""),
          generation, now));
      return Requeue.resync(settings.get().controllers());
    }
    ClusterTarget target = identity.target(cluster, cluster.getMetadata().getDeletionTimestamp() != null);
    try {
      if (pool.getMetadata().getDeletionTimestamp() != null) {
        return delete(pool, provider.get(), target, previous, generation, now, poll);
      }
      return reconcilePool(pool, provider.get(), target, previous, generation, now, poll);
    } catch (CloudException e) {
      LOG.warn("Cloud call for pool {} of cluster {} failed: {}", spec.cloudPoolName(), target.key(), e.describe());
      List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.CLOUD_POOL_READY,
          ConditionStatus.FALSE, ConditionReasons.CLOUD_ERROR, e.describe(), generation, now);
      conditions = Conditions.set(conditions, ConditionTypes.READY, ConditionStatus.FALSE,
          e.retryable() ? ConditionReasons.CLOUD_ERROR : ConditionReasons.PERMANENT_CLOUD_ERROR, e.describe(),
          generation, now);
      announceCloudTrouble(pool, previous.conditions(), conditions);
      writeStatus(pool, with(previous, previous.phase(), conditions, previous.observedGeneration()));
      if (!e.retryable()) {
        return Requeue.resync(settings.get().controllers());
      }
      return e.retryAfter() != null ? Requeue.after(e.retryAfter()) : Requeue.backoff();
    }
  }

  /**
   * Another, older MachinePool owns the cloud pool this one names: act on nothing. Being deleted, this one lets go
   * without deleting the pool the owner serves; otherwise it says who owns the pool and waits.
   */
  private Result standAside(MachinePool pool, String owner, MachinePoolStatus previous, long generation,
      OffsetDateTime now) {
    MachinePoolSpec spec = pool.getSpec();
    if (pool.getMetadata().getDeletionTimestamp() != null) {
      events.normal(pool, "FinalizerRemoved", "Cloud pool " + spec.cloudPoolName() + " belongs to MachinePool "
          + owner + "; removing the finalizer without deleting it");
      Finalizers.remove(pool, writer);
      return Requeue.done();
    }
    String message = "cloud pool " + spec.cloudPoolName() + " of Cluster " + spec.clusterName()
        + " is already claimed by the older MachinePool " + owner + " (spec.cloudPoolName); this MachinePool acts on "
        + "nothing until one of them is deleted";
    Condition was = Conditions.find(previous.conditions(), ConditionTypes.READY);
    if (was == null || !ConditionReasons.CLOUD_POOL_CLAIMED.equals(was.reason())) {
      events.warning(pool, ConditionReasons.CLOUD_POOL_CLAIMED, message);
    }
    writeStatus(pool, notReady(previous, ConditionReasons.CLOUD_POOL_CLAIMED, message, generation, now));
    return Requeue.resync(settings.get().controllers());
  }

  private Result reconcilePool(MachinePool pool, Provider provider, ClusterTarget target,
      MachinePoolStatus previous, long generation, OffsetDateTime now, Duration poll) throws CloudException {
    MachinePoolSpec spec = pool.getSpec();
    NodePoolSpec desired = desired(pool);
    NodePoolState state = provider.nodePools().observe(target, spec.cloudPoolName());
    List<String> differing = state.exists() ? InPlaceFields.differing(desired, state) : List.of();
    OperationStatus operation = null;
    if (!state.exists() || state.phase() == ProvisioningPhase.FAILED
        || (!differing.isEmpty() && state.phase() == ProvisioningPhase.READY)) {
      operation = provider.nodePools().ensure(target, desired);
      if (differing.contains("replicas") && desired.replicas() != null && state.replicas() != null
          && desired.replicas() > state.replicas()) {
        nodeReady.scaleUpRequested(pool.getMetadata().getUid());
      }
      if (!state.exists()) {
        crashPoints.reached(CrashPoints.AFTER_CLOUD_CREATE);
      }
      if (operation.kind() != OperationStatus.Kind.RETRY_LATER) {
        if (!state.exists()) {
          events.normal(pool, "CloudPoolCreating", "Creating cloud pool " + spec.cloudPoolName() + " ("
              + spec.template().machineType() + ", " + spec.template().osImage() + ", Kubernetes " + spec.version()
              + ")");
        } else if (!differing.isEmpty()) {
          events.normal(pool, "CloudPoolUpdating", "Applying " + differing + " to cloud pool "
              + spec.cloudPoolName() + " in place");
        }
      }
      if (operation.isDone()) {
        // The cloud finished at once: report what it has now rather than the state before the call, instead of
        // writing a stale status and waiting a poll interval to correct it.
        state = provider.nodePools().observe(target, spec.cloudPoolName());
        differing = state.exists() ? InPlaceFields.differing(desired, state) : List.of();
      }
    }

    List<Condition> conditions = previous.conditions();
    conditions = Conditions.set(conditions, ConditionTypes.PAUSED, ConditionStatus.FALSE, "NotPaused", "",
        generation, now);
    String poolReason;
    String poolMessage;
    boolean poolReady = state.phase() == ProvisioningPhase.READY && differing.isEmpty();
    if (operation != null && operation.kind() == OperationStatus.Kind.RETRY_LATER) {
      poolReason = ConditionReasons.CLOUD_BUSY;
      poolMessage = operation.message();
    } else if (!state.exists()) {
      poolReason = ConditionReasons.CREATING;
      poolMessage = "creating cloud pool " + spec.cloudPoolName();
    } else if (state.phase() == ProvisioningPhase.FAILED) {
      poolReason = ConditionReasons.CLOUD_OPERATION_FAILED;
      poolMessage = "the cloud reports pool " + spec.cloudPoolName() + " failed: " + state.message();
    } else if (state.phase() == ProvisioningPhase.CREATING) {
      poolReason = ConditionReasons.CREATING;
      poolMessage = "the cloud is creating pool " + spec.cloudPoolName() + " (" + state.provisioningState() + ")";
    } else if (!poolReady) {
      poolReason = ConditionReasons.UPDATING;
      poolMessage = differing.isEmpty() ? "the cloud is updating pool " + spec.cloudPoolName()
          : "applying " + differing + " in place";
    } else {
      poolReason = ConditionReasons.READY;
      poolMessage = "";
    }
    conditions = Conditions.set(conditions, ConditionTypes.CLOUD_POOL_READY, poolReady ? ConditionStatus.TRUE
        : ConditionStatus.FALSE, poolReason, poolMessage, generation, now);
    List<String> drifted = state.exists() ? InPlaceFields.drifted(desired, state) : List.of();
    conditions = Conditions.set(conditions, ConditionTypes.DRIFTED, drifted.isEmpty() ? ConditionStatus.FALSE
        : ConditionStatus.TRUE, drifted.isEmpty() ? ConditionReasons.NO_DRIFT
        : ConditionReasons.IMMUTABLE_FIELD_CHANGED, drifted.isEmpty() ? ""
        : "the cloud pool's " + drifted + " differ from the spec: changed outside Slipway", generation, now);

    NodesObservation nodes = observeNodes(target, state, pool);
    int expected = spec.replicas() != null ? spec.replicas() : state.machines().size();
    boolean nodesReady = nodes.synced() && nodes.ready() == state.machines().size()
        && state.machines().size() == expected;
    conditions = Conditions.set(conditions, ConditionTypes.NODES_READY, nodesReady ? ConditionStatus.TRUE
        : ConditionStatus.FALSE, nodesReady ? ConditionReasons.READY : ConditionReasons.WAITING_FOR_NODES,
        nodesReady ? "" : nodes.describe(state.machines().size(), expected), generation, now);
    boolean ready = poolReady && nodesReady;
    conditions = Conditions.set(conditions, ConditionTypes.READY, ready ? ConditionStatus.TRUE
        : ConditionStatus.FALSE, ready ? ConditionReasons.READY : poolReady ? ConditionReasons.WAITING_FOR_NODES
        : poolReason, ready ? "" : poolReady ? nodes.describe(state.machines().size(), expected) : poolMessage,
        generation, now);
    if (ready && !Conditions.isTrue(previous.conditions(), ConditionTypes.READY)) {
      events.normal(pool, "MachinePoolReady", "Cloud pool " + spec.cloudPoolName() + " has " + nodes.ready()
          + " Ready nodes");
    }
    String phase = ready ? "Ready" : !state.exists() || state.phase() == ProvisioningPhase.CREATING
        ? "Provisioning" : state.phase() == ProvisioningPhase.FAILED ? "Failed" : "Scaling";
    MachinePoolStatus status = new MachinePoolStatus(ready ? Long.valueOf(generation) : previous.observedGeneration(),
        phase, conditions, state.cloudResourceId(), state.provisioningState(),
        state.machines().stream().map(ProviderId::value).toList(), state.machines().size(), nodes.ready(),
        nodes.refs());
    announceCloudTrouble(pool, previous.conditions(), conditions);
    writeStatus(pool, status);
    if (ready) {
      return Requeue.resync(settings.get().controllers());
    }
    return Requeue.after(operation != null && operation.retryAfter().compareTo(poll) > 0 ? operation.retryAfter()
        : poll);
  }

  private Result delete(MachinePool pool, Provider provider, ClusterTarget target, MachinePoolStatus previous,
      long generation, OffsetDateTime now, Duration poll) throws CloudException {
    String cloudPoolName = pool.getSpec().cloudPoolName();
    OperationStatus deletion = provider.nodePools().delete(target, cloudPoolName);
    if (deletion.isDone()) {
      crashPoints.reached(CrashPoints.AFTER_CLOUD_DELETE);
      events.normal(pool, "CloudPoolDeleted", "Cloud pool " + cloudPoolName + " is gone; removing the finalizer");
      LOG.info("Cloud pool {} of cluster {} deleted", cloudPoolName, target.key());
      Finalizers.remove(pool, writer);
      nodeReady.forgetPool(pool.getMetadata().getUid());
      return Requeue.done();
    }
    if (!"Deleting".equals(previous.phase())) {
      events.normal(pool, "CloudPoolDeleting", "Deleting cloud pool " + cloudPoolName);
    }
    String reason = deletion.kind() == OperationStatus.Kind.RETRY_LATER ? ConditionReasons.CLOUD_BUSY
        : ConditionReasons.DELETING;
    List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
        reason, "deleting cloud pool " + cloudPoolName + ": " + deletion.message(), generation, now);
    writeStatus(pool, with(previous, "Deleting", conditions, previous.observedGeneration()));
    return Requeue.after(deletion.retryAfter().compareTo(poll) > 0 ? deletion.retryAfter() : poll);
  }

  /**
   * A Warning Event when the cloud starts failing the pool, or fails it differently (another error code): the
   * message carries the cloud's code and request ID. Repeats of the same failure add nothing.
   */
  private void announceCloudTrouble(MachinePool pool, List<Condition> before, List<Condition> after) {
    Condition now = Conditions.find(after, ConditionTypes.CLOUD_POOL_READY);
    if (now == null || now.status() != ConditionStatus.FALSE
        || !(ConditionReasons.CLOUD_ERROR.equals(now.reason())
            || ConditionReasons.CLOUD_OPERATION_FAILED.equals(now.reason()))) {
      return;
    }
    Condition was = Conditions.find(before, ConditionTypes.CLOUD_POOL_READY);
    if (was != null && was.reason().equals(now.reason()) && code(was.message()).equals(code(now.message()))) {
      return;
    }
    events.warning(pool, ConditionReasons.CLOUD_ERROR.equals(now.reason()) ? "CloudError" : "CloudPoolFailed",
        now.message());
  }

  private static String code(String message) {
    if (message == null) {
      return "";
    }
    int colon = message.indexOf(':');
    return colon < 0 ? message : message.substring(0, colon);
  }

  /**
   * The Nodes of the pool's machines in the workload cluster, looked up by canonical providerID only; for a cluster
   * with no Nodes to read (node-less provider), the machines the cloud reports ready.
   */
  private NodesObservation observeNodes(ClusterTarget target, NodePoolState state, MachinePool pool) {
    List<ProviderId> machines = state.machines();
    Optional<WorkloadCluster> workload = workloadClusters.get(target.namespace(), target.name());
    if (workload.isEmpty() || !workload.get().synced()) {
      return new NodesObservation(false, 0, List.of());
    }
    if (workload.get().isNodeless()) {
      return new NodesObservation(true, Objects.requireNonNullElse(state.readyMachines(), 0), List.of());
    }
    List<NodeRef> refs = new ArrayList<>();
    int ready = 0;
    for (ProviderId machine : machines) {
      V1Node node = workload.get().node(machine);
      if (node != null) {
        refs.add(new NodeRef(node.getMetadata().getName(), node.getMetadata().getUid(), machine.value()));
        if (WorkloadCluster.isReady(node)) {
          ready++;
          nodeReady.observe(RolloutMetrics.provider(pool.getSpec().provider()), pool.getMetadata().getUid(),
              pool.getMetadata().getCreationTimestamp(), node);
        }
      }
    }
    return new NodesObservation(true, ready, refs);
  }

  /** What the workload cluster shows of a pool's machines. */
  private record NodesObservation(boolean synced, int ready, List<NodeRef> refs) {

    String describe(int machines, int expected) {
      if (!synced) {
        return "the workload cluster's Nodes are not readable yet (kubeconfig Secret missing or cache syncing)";
      }
      return ready + " of " + expected + " nodes Ready (" + machines + " machines in the cloud, " + refs.size()
          + " registered as Nodes)";
    }
  }

  public static NodePoolSpec desired(MachinePool pool) {
    MachinePoolSpec spec = pool.getSpec();
    return new NodePoolSpec(spec.cloudPoolName(), spec.version(), spec.template(), spec.replicas(),
        spec.autoscaling(), spec.nodeLabels(), spec.taints(), spec.mode(),
        Map.of("slipway.dev/machinepool", pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName(),
            Labels.NODEPOOL, spec.nodepoolRef() == null ? "" : spec.nodepoolRef().name()));
  }

  private void writeStatus(MachinePool pool, MachinePoolStatus computed) {
    long generation = Objects.requireNonNullElse(pool.getMetadata().getGeneration(), 0L);
    List<Condition> conditions = Progress.summarize(computed.conditions(), generation, OffsetDateTime.now(clock));
    MachinePoolStatus status = with(computed, computed.phase(), conditions,
        Progress.observedGeneration(conditions, computed.observedGeneration(), generation));
    if (status.equals(pool.getStatus())) {
      return;
    }
    pool.setStatus(status);
    writer.updateStatus(pool);
  }

  /**
   * Whether no cloud pool was ever observed or created for this MachinePool: no cloud resource, provisioning state
   * or machine was ever recorded in its status.
   */
  static boolean neverReachedTheCloud(MachinePoolStatus status) {
    return status.cloudResourceId() == null && status.provisioningState() == null
        && (status.providerIDList() == null || status.providerIDList().isEmpty());
  }

  private static MachinePoolStatus emptyStatus() {
    return new MachinePoolStatus(null, "Pending", List.of(), null, null, List.of(), 0, 0, List.of());
  }

  private static String readyReason(MachinePoolStatus status) {
    Condition ready = Conditions.find(status.conditions(), ConditionTypes.READY);
    return ready == null ? null : ready.reason();
  }

  private static MachinePoolStatus notReady(MachinePoolStatus previous, String reason, String message,
      long generation, OffsetDateTime now) {
    List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
        reason, message, generation, now);
    return with(previous, previous.phase(), conditions, previous.observedGeneration());
  }

  private static MachinePoolStatus with(MachinePoolStatus s, String phase, List<Condition> conditions,
      Long observedGeneration) {
    return new MachinePoolStatus(observedGeneration, phase, conditions, s.cloudResourceId(), s.provisioningState(),
        s.providerIDList(), s.replicas(), s.readyReplicas(), s.nodeRefs());
  }
}
