package dev.slipway.controllers.conditions;

import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Derives kstatus' {@code Reconciling} and {@code Stalled} conditions from {@code Ready}, so that tools that judge
 * health the kstatus way (Flux, {@code kubectl wait}, Helm, cli-utils) read every Slipway object correctly without
 * knowing its kind:
 * <ul>
 *   <li>Ready True: neither condition (both are "abnormal-true" and are removed once normal);</li>
 *   <li>Ready False for a reason no retry can fix ({@link #STALLED_REASONS}): {@code Stalled=True} with Ready's reason
 *       and message, so kstatus reports Failed;</li>
 *   <li>Ready False otherwise, or no Ready yet: {@code Reconciling=True} with Ready's reason and message, so kstatus
 *       reports InProgress;</li>
 *   <li>{@code Paused=True}, or Ready False because the Cluster is paused: neither (the controller deliberately
 *       does nothing).</li>
 * </ul>
 * Pure and idempotent: applied to its own output it changes nothing, so unchanged status is still not rewritten.
 */
public final class Progress {

  /**
   * Ready reasons that need a human: permanent cloud errors, missing configuration, unknown data, a cloud pool another
   * MachinePool owns, an identity that
   * refuses the Cluster (IdentityNotFound is left out: the identity may still be on its way).
   */
  public static final Set<String> STALLED_REASONS = Set.of(ConditionReasons.PERMANENT_CLOUD_ERROR,
      ConditionReasons.PROVIDER_NOT_CONFIGURED, ConditionReasons.UNKNOWN_HASH_FUNCTION,
      ConditionReasons.CLOUD_POOL_CLAIMED, ConditionReasons.IDENTITY_NOT_ALLOWED,
      ConditionReasons.IDENTITY_PROVIDER_MISMATCH, ConditionReasons.IDENTITY_NOT_SUPPORTED);

  private static final String WAITING = "WaitingForController";

  private Progress() {
  }

  /**
   * The {@code status.observedGeneration} to write: {@code generation} when the object is Stalled (the controller has
   * looked at this generation and cannot progress: kstatus must report Failed, not wait for a generation that will
   * never be observed), else what the controller computed (the generation it last reconciled successfully).
   */
  public static Long observedGeneration(List<Condition> summarized, Long computed, long generation) {
    return Conditions.isTrue(summarized, ConditionTypes.STALLED) ? Long.valueOf(generation) : computed;
  }

  /** {@code conditions} with Reconciling and Stalled set or removed as {@code Ready} (and {@code Paused}) say. */
  public static List<Condition> summarize(List<Condition> conditions, long generation, OffsetDateTime now) {
    List<Condition> current = conditions == null ? List.of() : conditions;
    Condition ready = Conditions.find(current, ConditionTypes.READY);
    if (Conditions.isTrue(current, ConditionTypes.PAUSED)
        || (ready != null && (ready.status() == ConditionStatus.TRUE
            || ConditionReasons.PAUSED.equals(ready.reason())))) {
      return Conditions.remove(Conditions.remove(current, ConditionTypes.RECONCILING), ConditionTypes.STALLED);
    }
    String reason = ready == null ? WAITING : ready.reason();
    String message = ready == null ? "the controller has not reported Ready yet" : ready.message();
    if (STALLED_REASONS.contains(reason)) {
      return Conditions.set(Conditions.remove(current, ConditionTypes.RECONCILING), ConditionTypes.STALLED,
          ConditionStatus.TRUE, reason, message, generation, now);
    }
    return Conditions.set(Conditions.remove(current, ConditionTypes.STALLED), ConditionTypes.RECONCILING,
        ConditionStatus.TRUE, reason, message, generation, now);
  }
}
