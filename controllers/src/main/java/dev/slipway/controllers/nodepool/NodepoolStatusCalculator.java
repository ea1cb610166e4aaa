package dev.slipway.controllers.nodepool;

import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.NodepoolStatus;
import dev.slipway.api.v1alpha1.ObjectRef;
import dev.slipway.api.v1alpha1.RolloutStatus;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.controllers.conditions.Conditions;
import dev.slipway.controllers.runtime.Labels;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Computes a Nodepool's status from a pass's plan and what acting on it found. Pure. */
final class NodepoolStatusCalculator {

  private NodepoolStatusCalculator() {
  }

  static NodepoolStatus compute(NodepoolStatus previous, RolloutPlan plan, DrainBlock blocked, String desiredHash,
      List<MachinePool> pools, long generation, OffsetDateTime now, RolloutInput input) {
    MachinePool active = find(pools, plan.active());
    String activeHash = plan.active() == null ? null
        : plan.active().equals(plan.target()) || plan.target() == null ? desiredHash : hashOf(active);
    RolloutStatus rollout = rollout(previous.rollout(), plan, desiredHash, now);

    List<Condition> conditions = previous.conditions();
    if (plan.rollingOut()) {
      conditions = Conditions.set(conditions, ConditionTypes.ROLLING_OUT, ConditionStatus.TRUE,
          stepReason(plan.step()), plan.waitingFor(), generation, now);
    } else {
      boolean rolledOut = previous.rollout() != null && previous.rollout().finishedAt() == null
          && !RolloutPlan.COMPLETE.equals(previous.rollout().step());
      Condition last = Conditions.find(conditions, ConditionTypes.ROLLING_OUT);
      String reason = rolledOut || (last != null && ConditionReasons.ROLLOUT_COMPLETE.equals(last.reason()))
          ? ConditionReasons.ROLLOUT_COMPLETE : ConditionReasons.UP_TO_DATE;
      conditions = Conditions.set(conditions, ConditionTypes.ROLLING_OUT, ConditionStatus.FALSE, reason,
          reason.equals(ConditionReasons.ROLLOUT_COMPLETE) ? "serving from MachinePool " + plan.active() : "",
          generation, now);
    }
    if (blocked == null) {
      conditions = Conditions.set(conditions, ConditionTypes.DRAIN_BLOCKED, ConditionStatus.FALSE,
          ConditionReasons.NOT_BLOCKED, "", generation, now);
    } else {
      boolean expired = now.toInstant().isAfter(blocked.startedAt().plus(input.drainTimeout()));
      String reason = expired ? ConditionReasons.DRAIN_TIMEOUT_WAITING : ConditionReasons.EVICTION_BLOCKED;
      String message = (expired ? "the drain of node " + blocked.node() + " exceeded drainTimeout "
          + format(input.drainTimeout()) + " and onDrainTimeout is Wait: evictions keep being retried, no "
          + "PodDisruptionBudget is violated; " : "") + blocked.message();
      conditions = Conditions.set(conditions, ConditionTypes.DRAIN_BLOCKED, ConditionStatus.TRUE, reason,
          message, generation, now);
    }
    boolean drifted = pools.stream().anyMatch(p -> p.getStatus() != null
        && Conditions.isTrue(p.getStatus().conditions(), ConditionTypes.DRIFTED));
    Condition drift = pools.stream().filter(p -> p.getStatus() != null)
        .map(p -> Conditions.find(p.getStatus().conditions(), ConditionTypes.DRIFTED))
        .filter(c -> c != null && c.status() == ConditionStatus.TRUE).findFirst().orElse(null);
    conditions = Conditions.set(conditions, ConditionTypes.DRIFTED, drifted ? ConditionStatus.TRUE
        : ConditionStatus.FALSE, drifted ? ConditionReasons.IMMUTABLE_FIELD_CHANGED : ConditionReasons.NO_DRIFT,
        drift == null ? "" : drift.message(), generation, now);

    boolean activeReady = active != null && active.getStatus() != null
        && Conditions.isTrue(active.getStatus().conditions(), ConditionTypes.READY);
    boolean ready = !plan.rollingOut() && activeReady && plan.intents().isEmpty();
    String reason;
    String message;
    if (ready) {
      reason = ConditionReasons.READY;
      message = "";
    } else if (plan.rollingOut()) {
      reason = stepReason(plan.step());
      message = plan.waitingFor();
    } else {
      reason = ConditionReasons.UPDATING;
      message = plan.waitingFor().isEmpty() ? "MachinePool " + plan.active() + " is not Ready" : plan.waitingFor();
    }
    conditions = Conditions.set(conditions, ConditionTypes.READY, ready ? ConditionStatus.TRUE
        : ConditionStatus.FALSE, reason, message, generation, now);

    String phase = ready ? "Ready" : plan.rollingOut() ? (plan.active() == null ? "Provisioning" : "RollingOut")
        : "Updating";
    return new NodepoolStatus(ready ? Long.valueOf(generation) : previous.observedGeneration(), phase, conditions,
        ref(plan.active(), active), ref(plan.target(), find(pools, plan.target())), activeHash,
        active == null ? null : active.getSpec().version(),
        active == null || active.getStatus() == null ? null : active.getStatus().replicas(),
        active == null || active.getStatus() == null ? null : active.getStatus().readyReplicas(), rollout);
  }

  private static RolloutStatus rollout(RolloutStatus previous, RolloutPlan plan, String desiredHash,
      OffsetDateTime now) {
    if (plan.rollingOut()) {
      boolean same = previous != null && desiredHash.equals(previous.targetTemplateHash())
          && previous.finishedAt() == null && previous.startedAt() != null;
      return new RolloutStatus(plan.step(), desiredHash, same ? previous.startedAt() : now, null, plan.nodesTotal(),
          plan.nodesCordoned(), plan.nodesDrained());
    }
    if (previous != null && previous.finishedAt() == null && previous.startedAt() != null) {
      return new RolloutStatus(RolloutPlan.COMPLETE, previous.targetTemplateHash(), previous.startedAt(), now,
          previous.nodesTotal(), previous.nodesTotal(), previous.nodesTotal());
    }
    if (previous != null) {
      return previous;
    }
    return new RolloutStatus(RolloutPlan.COMPLETE, desiredHash, null, null, 0, 0, 0);
  }

  static String stepReason(String step) {
    return switch (step) {
      case RolloutPlan.CREATING_TARGET -> ConditionReasons.CREATING_TARGET;
      case RolloutPlan.WAITING_FOR_NODES -> ConditionReasons.WAITING_FOR_TARGET;
      case RolloutPlan.CORDONING, RolloutPlan.DRAINING -> ConditionReasons.DRAINING;
      case RolloutPlan.DELETING_OLD -> ConditionReasons.DELETING_OLD;
      case RolloutPlan.CANCELLING -> ConditionReasons.CANCELLING;
      default -> ConditionReasons.UP_TO_DATE;
    };
  }

  private static MachinePool find(List<MachinePool> pools, String name) {
    if (name == null) {
      return null;
    }
    return pools.stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst().orElse(null);
  }

  private static String hashOf(MachinePool pool) {
    if (pool == null) {
      return null;
    }
    Map<String, String> labels = pool.getMetadata().getLabels();
    return labels == null ? null : labels.get(Labels.TEMPLATE_HASH);
  }

  private static ObjectRef ref(String name, MachinePool pool) {
    if (name == null) {
      return null;
    }
    return new ObjectRef(SlipwayResource.API_VERSION, MachinePool.KIND, name,
        pool == null ? null : Objects.requireNonNullElse(pool.getMetadata().getUid(), null));
  }

  private static String format(Duration duration) {
    return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
