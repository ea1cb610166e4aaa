package dev.slipway.controllers.nodepool;

import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.MachinePoolSpec;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.api.v1alpha1.NodepoolStatus;
import dev.slipway.api.v1alpha1.ObjectRef;
import dev.slipway.api.v1alpha1.RolloutPolicy;
import dev.slipway.api.v1alpha1.RolloutStatus;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.controllers.conditions.Conditions;
import dev.slipway.controllers.conditions.Progress;
import dev.slipway.controllers.drain.BlockedPodMessage;
import dev.slipway.controllers.drain.DrainMode;
import dev.slipway.controllers.drain.DrainPass;
import dev.slipway.controllers.drain.NodeDrainer;
import dev.slipway.controllers.metrics.RolloutMetrics;
import dev.slipway.controllers.runtime.CrashPoints;
import dev.slipway.controllers.runtime.Events;
import dev.slipway.controllers.runtime.Finalizers;
import dev.slipway.controllers.runtime.Labels;
import dev.slipway.controllers.runtime.LiveSettings;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.Requeue;
import dev.slipway.controllers.runtime.ResourceWriter;
import dev.slipway.controllers.runtime.WriteFailedException;
import dev.slipway.controllers.workload.WorkloadCluster;
import dev.slipway.controllers.workload.WorkloadClusters;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Reconciles a Nodepool: observes its MachinePools and their Nodes, asks the {@link RolloutPlanner} what to do,
 * performs the plan's intents, and writes status once. In-place fields reach the serving MachinePool; a change to
 * the template or version becomes a new MachinePool and a drain of the old nodes.
 */
@Component
public class NodepoolReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(NodepoolReconciler.class);

  private final ManagementInformers informers;
  private final ResourceWriter writer;
  private final WorkloadClusters workloadClusters;
  private final NodeDrainer drainer;
  private final LiveSettings settings;
  private final Clock clock;
  private final Events events;
  private final CrashPoints crashPoints;
  private final RolloutMetrics metrics;

  public NodepoolReconciler(ManagementInformers informers, ResourceWriter writer, WorkloadClusters workloadClusters,
      NodeDrainer drainer, LiveSettings settings, Clock clock, Events events, CrashPoints crashPoints,
      RolloutMetrics metrics) {
    this.informers = informers;
    this.writer = writer;
    this.workloadClusters = workloadClusters;
    this.drainer = drainer;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
    this.crashPoints = crashPoints;
    this.metrics = metrics;
  }

  @Override
  public Result reconcile(Request request) {
    Nodepool nodepool = informers.nodepool(request.getNamespace(), request.getName());
    if (nodepool == null) {
      return Requeue.done();
    }
    NodepoolSpec spec = nodepool.getSpec();
    MDC.put("cluster", request.getNamespace() + "/" + spec.clusterName());
    List<MachinePool> pools = ManagementInformers.byIndex(informers.machinePools(), ManagementInformers.BY_NODEPOOL,
        request.getNamespace(), request.getName());
    if (nodepool.getMetadata().getDeletionTimestamp() != null) {
      return delete(nodepool, pools);
    }
    nodepool = Finalizers.ensure(nodepool, writer);
    NodepoolStatus previous = nodepool.getStatus() == null ? emptyStatus() : nodepool.getStatus();
    long generation = Objects.requireNonNullElse(nodepool.getMetadata().getGeneration(), 0L);
    OffsetDateTime now = OffsetDateTime.now(clock);
    Duration poll = settings.get().controllers().pollInterval();

    Cluster cluster = informers.cluster(request.getNamespace(), spec.clusterName());
    String blocker = clusterBlocker(cluster, spec);
    if (blocker != null) {
      String reason = cluster == null ? ConditionReasons.CLUSTER_NOT_FOUND
          : Boolean.TRUE.equals(cluster.getSpec().paused()) ? ConditionReasons.PAUSED
          : ConditionReasons.CLUSTER_NOT_READY;
      List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
          reason, blocker, generation, now);
      writeStatus(nodepool, waiting(previous, conditions));
      return ConditionReasons.PAUSED.equals(reason) ? Requeue.done() : Requeue.after(poll);
    }
    String version = MachinePools.version(nodepool, cluster);
    String desiredHash;
    try {
      desiredHash = MachinePools.desiredHash(nodepool, version);
    } catch (IllegalArgumentException e) {
      List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
          ConditionReasons.UNKNOWN_HASH_FUNCTION, e.getMessage() + "; upgrade Slipway or restore status.templateHash",
          generation, now);
      writeStatus(nodepool, waiting(previous, conditions));
      return Requeue.resync(settings.get().controllers());
    }

    Optional<WorkloadCluster> workload = workloadClusters.get(request.getNamespace(), spec.clusterName());
    if (workload.isEmpty() || !workload.get().synced()) {
      List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
          ConditionReasons.CLUSTER_NOT_READY, "the workload cluster's Nodes are not readable yet", generation, now);
      writeStatus(nodepool, waiting(previous, conditions));
      return Requeue.after(poll);
    }
    RolloutPolicy policy = spec.rollout();
    Nodepool current = nodepool;
    RolloutInput input = new RolloutInput(nodepool.getMetadata().getName(), desiredHash,
        replacement(previous, pools, desiredHash),
        previous.activeMachinePool() == null ? null : previous.activeMachinePool().name(),
        pools.stream().map(pool -> view(pool, current, workload.get())).toList(),
        policy == null || policy.maxConcurrentDrains() == null ? 1 : policy.maxConcurrentDrains(),
        DurationFormat.parse(policy == null ? null : policy.drainTimeout(), Duration.ofMinutes(15)),
        policy == null || policy.onDrainTimeout() == null ? RolloutPolicy.DrainTimeoutAction.Wait
            : policy.onDrainTimeout(), clock.instant());
    RolloutPlan plan = RolloutPlanner.plan(input);
    Acted acted = act(plan, nodepool, cluster, version, desiredHash, pools, workload.get());
    NodepoolStatus status = NodepoolStatusCalculator.compute(previous, plan, acted.blocked, desiredHash,
        pools, generation, now, input);
    if (!Objects.equals(previous.rollout() == null ? null : previous.rollout().step(), status.rollout().step())) {
      LOG.info("Nodepool {}/{} rollout step {} -> {} ({})", request.getNamespace(), request.getName(),
          previous.rollout() == null ? null : previous.rollout().step(), status.rollout().step(), plan.waitingFor());
      if (RolloutPlan.COMPLETE.equals(status.rollout().step()) && previous.rollout() != null) {
        events.normal(nodepool, "RolloutComplete", "Serving from MachinePool " + plan.active());
      } else if (!RolloutPlan.COMPLETE.equals(status.rollout().step())) {
        events.normal(nodepool, "Rollout" + status.rollout().step(), plan.waitingFor());
      }
    }
    boolean newlyBlocked = announceDrainBlock(nodepool, previous, status);
    writeStatus(nodepool, status);
    recordRollout(RolloutMetrics.provider(cluster.getSpec().provider()), previous, status, newlyBlocked);
    if (acted.blocked != null) {
      return Requeue.after(acted.backoff);
    }
    return plan.step().equals(RolloutPlan.COMPLETE) && plan.intents().isEmpty()
        && Conditions.isTrue(status.conditions(), ConditionTypes.READY)
        ? Requeue.resync(settings.get().controllers()) : Requeue.after(poll);
  }

  /** What acting on a plan found out: pods blocking the drain, if any, and when to try them again. */
  private record Acted(DrainBlock blocked, Duration backoff) {
  }

  private Acted act(RolloutPlan plan, Nodepool nodepool, Cluster cluster, String version, String desiredHash,
      List<MachinePool> pools, WorkloadCluster workload) {
    String key = nodepool.getMetadata().getNamespace() + "/" + nodepool.getMetadata().getName();
    DrainBlock blocked = null;
    Duration backoff = settings.get().drain().backoffInitial();
    for (Intent intent : plan.intents()) {
      try {
        if (intent instanceof Intent.CreatePool create) {
          createPool(create, nodepool, cluster, version);
        } else if (intent instanceof Intent.SyncPool sync) {
          syncPool(sync.name(), nodepool, pools);
        } else if (intent instanceof Intent.Cordon cordon) {
          NodeMarks.cordon(workload.client(), cordon.node(), key);
          crashPoints.reached(CrashPoints.AFTER_CORDON);
        } else if (intent instanceof Intent.Uncordon uncordon) {
          NodeMarks.uncordon(workload.client(), uncordon.node());
        } else if (intent instanceof Intent.Drain drain) {
          DrainBlock nodeBlock = drain(drain, nodepool, workload,
              RolloutMetrics.provider(cluster.getSpec().provider()));
          if (nodeBlock != null) {
            blocked = blocked == null ? nodeBlock : blocked.and(nodeBlock);
            backoff = nodeBlock.backoff(settings.get().drain(), clock.instant());
          }
        } else if (intent instanceof Intent.DeletePool delete) {
          writer.delete(MachinePool.class, nodepool.getMetadata().getNamespace(), delete.name());
          events.normal(nodepool, "MachinePoolDeleting", "Deleting old MachinePool " + delete.name());
          crashPoints.reached(CrashPoints.AFTER_DELETE_OLD);
        }
      } catch (ApiException e) {
        throw new IllegalStateException("rollout step " + plan.step() + ", " + intent + " in the workload cluster: "
            + "HTTP " + e.getCode() + " " + e.getResponseBody(), e);
      }
    }
    return new Acted(blocked, backoff);
  }

  private void createPool(Intent.CreatePool create, Nodepool nodepool, Cluster cluster, String version) {
    NodepoolSpec spec = nodepool.getSpec();
    MachinePool pool = MachinePools.of(nodepool, cluster, version, create.templateHash(), create.replacement());
    try {
      writer.create(pool);
      crashPoints.reached(CrashPoints.AFTER_CREATE_TARGET);
      events.normal(nodepool, "MachinePoolCreated", "Created MachinePool " + create.name() + " (cloud pool "
          + pool.getSpec().cloudPoolName() + ", " + spec.template().machineType() + ", "
          + spec.template().osImage() + ", Kubernetes " + version + ")"
          + (create.replacement() > 0 ? " to replace a pool that drifted outside Slipway" : ""));
    } catch (WriteFailedException e) {
      if (!e.isConflict()) {
        throw e;
      }
      // Already there: created by an earlier pass whose record was lost (deterministic name).
      LOG.debug("MachinePool {} already exists", create.name());
    }
  }

  private void syncPool(String name, Nodepool nodepool, List<MachinePool> pools) {
    MachinePool pool = pools.stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst().orElse(null);
    if (pool == null) {
      return;
    }
    NodepoolSpec spec = nodepool.getSpec();
    MachinePoolSpec current = pool.getSpec();
    pool.setSpec(new MachinePoolSpec(current.clusterName(), current.provider(), current.cloudPoolName(),
        current.version(), current.template(), spec.replicas(), spec.autoscaling(), spec.nodeLabels(), spec.taints(),
        spec.mode(), current.nodepoolRef()));
    writer.update(pool);
    events.normal(nodepool, "MachinePoolUpdated", "Applying replicas, autoscaling, labels, taints and mode to "
        + "MachinePool " + name + " in place");
  }

  /** One drain pass on a node; returns what blocks it, or null. */
  private DrainBlock drain(Intent.Drain drain, Nodepool nodepool, WorkloadCluster workload, String provider)
      throws ApiException {
    V1Node node = workload.nodeByName(drain.node());
    Instant startedAt = node == null ? null : NodeMarks.instant(node, NodeMarks.DRAIN_STARTED_AT);
    Instant now = clock.instant();
    if (startedAt == null) {
      NodeMarks.annotate(workload.client(), drain.node(), NodeMarks.DRAIN_STARTED_AT, now);
      startedAt = now;
      events.normal(nodepool, "NodeDraining", "Draining node " + drain.node());
      crashPoints.reached(CrashPoints.AFTER_DRAIN_START);
    }
    DrainPass pass = drainer.drain(workload.client(), drain.node(),
        drain.force() ? DrainMode.FORCE_DELETE : DrainMode.EVICT);
    metrics.podsEvicted(provider, pass.evictedNow());
    if (pass.evictedNow() > 0) {
      crashPoints.reached(CrashPoints.AFTER_EVICTION);
    }
    if (pass.complete()) {
      metrics.nodeDrained(provider, workload.key() + "/" + drain.node());
      NodeMarks.annotate(workload.client(), drain.node(), NodeMarks.DRAINED_AT, now);
      events.normal(nodepool, "NodeDrained", "Node " + drain.node() + " is drained"
          + (drain.force() ? " (remaining pods deleted: drain timeout expired, policy ForceDelete)" : ""));
      return null;
    }
    if (pass.blocked().isEmpty()) {
      return null;
    }
    return new DrainBlock(drain.node(), startedAt, BlockedPodMessage.format(pass.blocked(), BlockedPodMessage.DEFAULT_MAX_LENGTH), drain.force());
  }

  private Result delete(Nodepool nodepool, List<MachinePool> pools) {
    if (!Finalizers.has(nodepool)) {
      return Requeue.done();
    }
    if (pools.isEmpty()) {
      events.normal(nodepool, "NodepoolDeleted", "Every MachinePool is gone; removing the finalizer");
      Finalizers.remove(nodepool, writer);
      return Requeue.done();
    }
    for (MachinePool pool : pools) {
      if (pool.getMetadata().getDeletionTimestamp() == null) {
        writer.delete(MachinePool.class, pool.getMetadata().getNamespace(), pool.getMetadata().getName());
        events.normal(nodepool, "MachinePoolDeleting", "Deleting MachinePool " + pool.getMetadata().getName());
      }
    }
    NodepoolStatus previous = nodepool.getStatus() == null ? emptyStatus() : nodepool.getStatus();
    List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
        ConditionReasons.DELETING, "waiting for MachinePools " + pools.stream().map(p -> p.getMetadata().getName())
            .toList() + " to be deleted", Objects.requireNonNullElse(nodepool.getMetadata().getGeneration(), 0L),
        OffsetDateTime.now(clock));
    NodepoolStatus status = copy(previous, conditions);
    writeStatus(nodepool, new NodepoolStatus(status.observedGeneration(), "Deleting", status.conditions(),
        status.activeMachinePool(), status.targetMachinePool(), status.templateHash(), status.version(),
        status.replicas(), status.readyReplicas(), status.rollout()));
    return Requeue.after(settings.get().controllers().pollInterval());
  }

  /**
   * A Warning Event when draining becomes blocked or its reason changes (e.g. the drain timeout expired); returns
   * whether it became blocked just now.
   */
  private boolean announceDrainBlock(Nodepool nodepool, NodepoolStatus previous, NodepoolStatus status) {
    Condition before = Conditions.find(previous.conditions(), ConditionTypes.DRAIN_BLOCKED);
    Condition now = Conditions.find(status.conditions(), ConditionTypes.DRAIN_BLOCKED);
    if (now != null && now.status() == ConditionStatus.TRUE && (before == null
        || before.status() != ConditionStatus.TRUE || !before.reason().equals(now.reason()))) {
      events.warning(nodepool, "DrainBlocked", now.message());
      return before == null || before.status() != ConditionStatus.TRUE;
    }
    return false;
  }

  /**
   * Counts a replacement starting or ending, from the status just written (so a write that failed and is retried
   * does not count twice). A Nodepool's first pool is provisioning, not a replacement, and is not counted.
   */
  private void recordRollout(String provider, NodepoolStatus previous, NodepoolStatus status, boolean newlyBlocked) {
    if (newlyBlocked) {
      metrics.drainBlocked(provider);
    }
    RolloutStatus before = previous.rollout();
    RolloutStatus after = status.rollout();
    if (after == null || previous.activeMachinePool() == null) {
      return;
    }
    if (after.startedAt() != null && after.finishedAt() == null
        && (before == null || !after.startedAt().equals(before.startedAt()))) {
      metrics.rolloutStarted(provider);
    }
    if (before != null && before.startedAt() != null && before.finishedAt() == null && after.finishedAt() != null) {
      metrics.rolloutFinished(provider, cancelled(before, status) ? RolloutMetrics.CANCELLED
          : RolloutMetrics.SUCCEEDED, Duration.between(after.startedAt(), after.finishedAt()));
    }
  }

  /**
   * Whether a rollout that just finished was cancelled: it was cancelling, or the Nodepool does not serve the template
   * the rollout moved to. Note: not "the active pool did not change in this pass": the active pool may switch to the
   * target a pass before the rollout finishes (the old pool deleted while the target's readiness is re-checked).
   */
  static boolean cancelled(RolloutStatus before, NodepoolStatus finished) {
    return RolloutPlan.CANCELLING.equals(before.step())
        || !Objects.equals(finished.templateHash(), before.targetTemplateHash());
  }

  /**
   * The replacement count of the desired pool (DESIGN, drift: "an immutable field changed out of band marks the pool
   * drifted and replaces it"). A replacement keeps the template hash, so the count tells the pools apart. It is read
   * from the pools themselves (label {@code slipway.dev/replacement}), never kept in memory: the recorded target of
   * a running rollout with this hash keeps its count; otherwise the recorded active pool's count, plus one when the
   * cloud pool drifted on a field only a replacement can change. A crash before the target is recorded computes
   * the same count again from the same drifted active pool.
   */
  static int replacement(NodepoolStatus status, List<MachinePool> pools, String desiredHash) {
    MachinePool target = byName(pools, status.targetMachinePool());
    if (target != null && desiredHash.equals(label(target, Labels.TEMPLATE_HASH))) {
      return replacementOf(target);
    }
    MachinePool active = byName(pools, status.activeMachinePool());
    if (active == null || !desiredHash.equals(label(active, Labels.TEMPLATE_HASH))) {
      return 0;
    }
    boolean drifted = active.getMetadata().getDeletionTimestamp() == null && active.getStatus() != null
        && Conditions.isTrue(active.getStatus().conditions(), ConditionTypes.DRIFTED);
    return replacementOf(active) + (drifted ? 1 : 0);
  }

  private static MachinePool byName(List<MachinePool> pools, ObjectRef ref) {
    if (ref == null) {
      return null;
    }
    return pools.stream().filter(p -> p.getMetadata().getName().equals(ref.name())).findFirst().orElse(null);
  }

  private static String label(MachinePool pool, String key) {
    return pool.getMetadata().getLabels() == null ? null : pool.getMetadata().getLabels().get(key);
  }

  private static int replacementOf(MachinePool pool) {
    String value = label(pool, Labels.REPLACEMENT);
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Why the Nodepool cannot act on its Cluster now, or null when it can. */
  private static String clusterBlocker(Cluster cluster, NodepoolSpec spec) {
    if (cluster == null) {
      return "Cluster " + spec.clusterName() + " does not exist in this namespace";
    }
    if (Boolean.TRUE.equals(cluster.getSpec().paused())) {
      return "Cluster " + spec.clusterName() + " is paused";
    }
    if (cluster.getStatus() == null || !Conditions.isTrue(cluster.getStatus().conditions(), ConditionTypes.READY)) {
      return "Cluster " + spec.clusterName() + " is not Ready yet";
    }
    // Control plane first: also when the Nodepool follows the Cluster's version, whose spec changes before the
    // control plane is upgraded (AKS refuses a pool newer than its control plane; every cloud should).
    String version = spec.version() != null ? spec.version() : cluster.getSpec().version();
    if (version != null && cluster.getStatus().version() != null
        && KubernetesVersions.newerMinor(version, cluster.getStatus().version())) {
      return "nodes at " + version + " would be newer than the control plane (" + cluster.getStatus().version()
          + "); waiting for the Cluster's upgrade";
    }
    return null;
  }

  private static PoolView view(MachinePool pool, Nodepool nodepool, WorkloadCluster workload) {
    Map<String, String> labels = pool.getMetadata().getLabels() == null ? Map.of() : pool.getMetadata().getLabels();
    boolean ready = pool.getStatus() != null
        && Conditions.isTrue(pool.getStatus().conditions(), ConditionTypes.READY)
        && Objects.equals(pool.getStatus().observedGeneration(), pool.getMetadata().getGeneration());
    NodepoolSpec spec = nodepool.getSpec();
    MachinePoolSpec mp = pool.getSpec();
    boolean inPlaceUpToDate = Objects.equals(spec.replicas(), mp.replicas())
        && Objects.equals(spec.autoscaling(), mp.autoscaling())
        && Objects.equals(emptyIfNull(spec.nodeLabels()), emptyIfNull(mp.nodeLabels()))
        && Objects.equals(spec.taints() == null ? List.of() : spec.taints(), mp.taints() == null ? List.of()
            : mp.taints())
        && Objects.equals(spec.mode(), mp.mode());
    List<NodeView> nodes = new ArrayList<>();
    if (pool.getStatus() != null && pool.getStatus().providerIDList() != null) {
      for (String id : pool.getStatus().providerIDList()) {
        V1Node node = workload.node(ProviderId.parse(id));
        if (node != null) {
          nodes.add(new NodeView(node.getMetadata().getName(), id,
              node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()),
              NodeMarks.cordonedBySlipway(node), NodeMarks.instant(node, NodeMarks.DRAIN_STARTED_AT),
              NodeMarks.instant(node, NodeMarks.DRAINED_AT) != null));
        }
      }
    }
    return new PoolView(pool.getMetadata().getName(), labels.get(Labels.TEMPLATE_HASH),
        pool.getMetadata().getDeletionTimestamp() != null, ready, inPlaceUpToDate, nodes);
  }

  private static Map<String, String> emptyIfNull(Map<String, String> map) {
    return map == null ? Map.of() : new HashMap<>(map);
  }

  private void writeStatus(Nodepool nodepool, NodepoolStatus computed) {
    long generation = Objects.requireNonNullElse(nodepool.getMetadata().getGeneration(), 0L);
    List<Condition> conditions = Progress.summarize(computed.conditions(), generation, OffsetDateTime.now(clock));
    NodepoolStatus c = computed;
    NodepoolStatus status = new NodepoolStatus(Progress.observedGeneration(conditions, c.observedGeneration(),
        generation), c.phase(), conditions, c.activeMachinePool(), c.targetMachinePool(), c.templateHash(),
        c.version(), c.replicas(), c.readyReplicas(), c.rollout());
    if (status.equals(nodepool.getStatus())) {
      return;
    }
    nodepool.setStatus(status);
    writer.updateStatus(nodepool);
  }

  static NodepoolStatus emptyStatus() {
    return new NodepoolStatus(null, "Pending", List.of(), null, null, null, null, null, null, null);
  }

  /** Status while the Nodepool cannot act (Cluster missing, paused or not ready): printed as Pending. */
  private static NodepoolStatus waiting(NodepoolStatus s, List<Condition> conditions) {
    return new NodepoolStatus(s.observedGeneration(), "Pending", conditions, s.activeMachinePool(),
        s.targetMachinePool(), s.templateHash(), s.version(), s.replicas(), s.readyReplicas(), s.rollout());
  }

  private static NodepoolStatus copy(NodepoolStatus s, List<Condition> conditions) {
    return new NodepoolStatus(s.observedGeneration(), s.phase(), conditions, s.activeMachinePool(),
        s.targetMachinePool(), s.templateHash(), s.version(), s.replicas(), s.readyReplicas(), s.rollout());
  }
}
