package dev.slipway.controllers.conditions;

import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sets conditions the way Kubernetes API conventions ask: one condition per type, {@code lastTransitionTime} kept
 * unless the status flips, so that a controller computing its conditions afresh on every pass writes nothing new
 * when nothing changed (no status churn at fleet scale).
 */
public final class Conditions {

  private Conditions() {
  }

  /**
   * Returns {@code current} with {@code type} set to the given status, reason and message. The transition time is
   * {@code now} when the type is new or its status changed, else the existing one is kept. Order is kept; a new type
   * is appended.
   */
  public static List<Condition> set(List<Condition> current, String type, ConditionStatus status, String reason,
      String message, long observedGeneration, OffsetDateTime now) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    List<Condition> result = new ArrayList<>(current == null ? List.of() : current);
    for (int i = 0; i < result.size(); i++) {
      Condition existing = result.get(i);
      if (existing.type().equals(type)) {
        OffsetDateTime since = existing.status() == status ? existing.lastTransitionTime() : now;
        result.set(i, new Condition(type, status, observedGeneration, since, reason, message));
        return List.copyOf(result);
      }
    }
    result.add(new Condition(type, status, observedGeneration, now, reason, message));
    return List.copyOf(result);
  }

  /** Returns {@code current} without the condition of {@code type}; the same list when there is none. */
  public static List<Condition> remove(List<Condition> current, String type) {
    if (current == null || current.stream().noneMatch(c -> c.type().equals(type))) {
      return current == null ? List.of() : current;
    }
    return current.stream().filter(c -> !c.type().equals(type)).toList();
  }

  /**
   * The conditions of an object Slipway does not act on because its Cluster is paused: {@code Paused=True}, the other
   * conditions as they were (pausing freezes them), and {@code Ready=Unknown} (reason {@code Paused}) only when the
   * object has no Ready condition yet, so an object created paused still says why nothing happens to it.
   */
  public static List<Condition> paused(List<Condition> current, String message, long generation,
      OffsetDateTime now) {
    List<Condition> conditions = set(current, ConditionTypes.PAUSED, ConditionStatus.TRUE, ConditionReasons.PAUSED,
        message, generation, now);
    if (find(conditions, ConditionTypes.READY) != null) {
      return conditions;
    }
    return set(conditions, ConditionTypes.READY, ConditionStatus.UNKNOWN, ConditionReasons.PAUSED,
        message + "; not reconciled yet", generation, now);
  }

  /** The condition of a type, or null. */
  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }

  /** Whether the condition of a type is present and True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    Condition condition = find(conditions, type);
    return condition != null && condition.status() == ConditionStatus.TRUE;
  }
}
