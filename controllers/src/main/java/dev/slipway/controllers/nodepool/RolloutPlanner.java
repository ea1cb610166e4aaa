package dev.slipway.controllers.nodepool;

import dev.slipway.api.v1alpha1.RolloutPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides one pass of a Nodepool's replace-not-mutate rollout from observed state alone. Pure: no clock reads, no
 * I/O, so a crash anywhere is harmless — the next pass (on any replica) plans again from what it observes.
 *
 * <p>The model: the Nodepool wants exactly one MachinePool, the <em>desired</em> one, named from its template hash.
 * Every other MachinePool of the Nodepool is a <em>source</em> whose workload must move to the desired pool. That
 * single rule covers a normal rollout (source: the active pool), a supersede (an unfinished target becomes one more
 * source, and the pools that serve keep serving until the newest target is Ready) and a revert (the desired pool is
 * the active one again; the unfinished target is the source, drained back if it already took pods).
 *
 * <p>Order, per DESIGN "Replace-not-mutate": create the desired pool -> wait until all its nodes are Ready -> cordon
 * every source node -> drain at most {@code maxConcurrentDrains} nodes at a time -> delete each source pool once all
 * its nodes are drained -> record the desired pool as active. Sources are never touched before the desired pool is
 * Ready, so a change that never becomes Ready never disturbs the serving pool.
 */
public final class RolloutPlanner {

  private RolloutPlanner() {
  }

  public static RolloutPlan plan(RolloutInput in) {
    String desiredName = PoolNames.machinePool(in.nodepool(), in.desiredHash(), in.replacement());
    PoolView desired = null;
    List<PoolView> sources = new ArrayList<>();
    for (PoolView pool : in.pools()) {
      if (pool.name().equals(desiredName)) {
        desired = pool;
      } else {
        sources.add(pool);
      }
    }
    boolean firstPool = sources.isEmpty() && !desiredName.equals(in.recordedActive());
    String active = sources.isEmpty() ? (firstPool ? null : desiredName) : activeDuringRollout(in, sources);
    List<Intent> intents = new ArrayList<>();
    Counts counts = Counts.of(sources);

    if (desired == null) {
      intents.add(new Intent.CreatePool(desiredName, in.desiredHash(), in.replacement()));
      return new RolloutPlan(RolloutPlan.CREATING_TARGET, active, desiredName, intents, counts.total,
          counts.cordoned, counts.drained, "creating MachinePool " + desiredName);
    }
    if (desired.deleting()) {
      return new RolloutPlan(RolloutPlan.CREATING_TARGET, active, desiredName, intents, counts.total,
          counts.cordoned, counts.drained, "MachinePool " + desiredName + " is still being deleted from an earlier "
              + "rollout; it is created again once gone");
    }
    if (!desired.inPlaceUpToDate()) {
      intents.add(new Intent.SyncPool(desiredName));
    }
    if (!desired.ready()) {
      if (sources.isEmpty() && !firstPool) {
        // An in-place change (scale, labels) on the active pool: not a rollout.
        return new RolloutPlan(RolloutPlan.COMPLETE, desiredName, null, intents, 0, 0, 0,
            "MachinePool " + desiredName + " is applying an in-place change");
      }
      return new RolloutPlan(RolloutPlan.WAITING_FOR_NODES, active, desiredName, intents, counts.total,
          counts.cordoned, counts.drained, "waiting for the nodes of MachinePool " + desiredName + " to be Ready");
    }
    for (NodeView node : desired.nodes()) {
      if (node.cordoned() && node.cordonedBySlipway()) {
        intents.add(new Intent.Uncordon(node.name()));
      }
    }
    if (sources.isEmpty()) {
      return new RolloutPlan(RolloutPlan.COMPLETE, desiredName, null, intents, 0, 0, 0, "");
    }
    boolean cancelling = desiredName.equals(in.recordedActive());

    // Cordon every source node first, so nothing drained lands on another old node.
    List<Intent> cordons = new ArrayList<>();
    for (PoolView source : sources) {
      for (NodeView node : source.nodes()) {
        if (!source.deleting() && !node.cordoned()) {
          cordons.add(new Intent.Cordon(node.name()));
        }
      }
    }
    if (!cordons.isEmpty()) {
      intents.addAll(cordons);
      return new RolloutPlan(cancelling ? RolloutPlan.CANCELLING : RolloutPlan.CORDONING, active, desiredName,
          intents, counts.total, counts.cordoned, counts.drained, "cordoning " + cordons.size() + " old nodes");
    }

    int inProgress = 0;
    List<NodeView> notStarted = new ArrayList<>();
    List<String> deletions = new ArrayList<>();
    List<String> stillDeleting = new ArrayList<>();
    for (PoolView source : sources) {
      if (source.deleting()) {
        stillDeleting.add(source.name());
        continue;
      }
      boolean allDrained = true;
      for (NodeView node : source.nodes()) {
        if (node.drained()) {
          continue;
        }
        allDrained = false;
        if (node.drainStartedAt() != null) {
          inProgress++;
          boolean expired = in.now().isAfter(node.drainStartedAt().plus(in.drainTimeout()));
          intents.add(new Intent.Drain(node.name(),
              expired && in.onDrainTimeout() == RolloutPolicy.DrainTimeoutAction.ForceDelete));
        } else {
          notStarted.add(node);
        }
      }
      if (allDrained) {
        deletions.add(source.name());
      }
    }
    int slots = Math.max(0, Math.max(1, in.maxConcurrentDrains()) - inProgress);
    for (NodeView node : notStarted.subList(0, Math.min(slots, notStarted.size()))) {
      intents.add(new Intent.Drain(node.name(), false));
    }
    for (String name : deletions) {
      intents.add(new Intent.DeletePool(name));
    }
    boolean draining = inProgress > 0 || !notStarted.isEmpty();
    String step = cancelling ? RolloutPlan.CANCELLING : draining ? RolloutPlan.DRAINING : RolloutPlan.DELETING_OLD;
    String waitingFor = draining
        ? "draining " + (counts.total - counts.drained) + " of " + counts.total + " old nodes"
        : "deleting old MachinePools " + join(deletions, stillDeleting);
    return new RolloutPlan(step, active, desiredName, intents, counts.total, counts.cordoned, counts.drained,
        waitingFor);
  }

  /** During a rollout the recorded active pool keeps that role until the rollout completes. */
  private static String activeDuringRollout(RolloutInput in, List<PoolView> sources) {
    if (in.recordedActive() != null) {
      return in.recordedActive();
    }
    return sources.get(0).name();
  }

  private static List<String> join(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Node counts over the source pools, for status. */
  private record Counts(int total, int cordoned, int drained) {

    static Counts of(List<PoolView> sources) {
      int total = 0;
      int cordoned = 0;
      int drained = 0;
      for (PoolView source : sources) {
        for (NodeView node : source.nodes()) {
          total++;
          cordoned += node.cordoned() ? 1 : 0;
          drained += node.drained() ? 1 : 0;
        }
      }
      return new Counts(total, cordoned, drained);
    }
  }
}
