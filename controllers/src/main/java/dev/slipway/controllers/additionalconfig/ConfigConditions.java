package dev.slipway.controllers.additionalconfig;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.controllers.additionalconfig.ObservedConfig.ProfileState;
import dev.slipway.controllers.additionalconfig.ObservedConfig.RegistryState;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.OperationStatus;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conditions of a ClusterAdditionalConfig after a pass, one per child kind plus the summary Ready, and when to
 * look again. Pure: from the desired children, the observation, the plan and what the cloud answered to it.
 */
final class ConfigConditions {

  private ConfigConditions() {
  }

  /** One condition's values, without times (the reconciler sets those through {@code Conditions.set}). */
  record Value(String type, ConditionStatus status, String reason, String message) {

    boolean isTrue() {
      return status == ConditionStatus.TRUE;
    }
  }

  /**
   * What a pass leaves behind.
   *
   * @param registryAccess the RegistryAccessReady condition
   * @param autoscalerProfile the AutoscalerProfileReady condition
   * @param ready the summary Ready condition
   * @param settled whether the spec is fully handled: every child is in place, or reported Unsupported. Only a
   *     settled pass records {@code status.observedGeneration}.
   * @param next when to look again
   */
  record Result(Value registryAccess, Value autoscalerProfile, Value ready, boolean settled, Next next) {

    List<Value> all() {
      return List.of(registryAccess, autoscalerProfile, ready);
    }
  }

  /** When to look again. */
  record Next(Kind kind, Duration delay) {

    enum Kind {
      /** Nothing pending: the jittered resync. */
      RESYNC,
      /** A cloud operation or an unconfirmed revocation: look again after {@code delay} (null: the poll interval). */
      POLL,
      /** A retryable error without a Retry-After: the queue's exponential backoff. */
      BACKOFF
    }
  }

  /** A problem with one child, for a condition's reason and message. */
  private record Problem(String reason, String message) {
  }

  static Result decide(String provider, DesiredChildren desired, ObservedConfig observed, ConfigPlan plan,
      Map<String, ChildOutcome> grants, Map<String, ChildOutcome> revokes, ChildOutcome profileOutcome) {
    List<Problem> registryProblems = new ArrayList<>();
    for (String id : desired.registryIds()) {
      RegistryState state = observed.registry(id);
      if (state.error() != null) {
        registryProblems.add(failed(id, "checking pull access to", state.error()));
      } else if (!Boolean.TRUE.equals(state.granted())) {
        ChildOutcome outcome = grants.get(id);
        if (outcome == null) {
          registryProblems.add(new Problem(ConditionReasons.CREATING, "granting pull access to " + id));
        } else if (!outcome.isDone()) {
          registryProblems.add(pending(outcome, "granting pull access to " + id, ConditionReasons.CREATING));
        }
      }
    }
    for (String id : plan.record().registryIds()) {
      if (!desired.registryIds().contains(id) && observed.registry(id).error() != null) {
        registryProblems.add(failed(id, "checking pull access to", observed.registry(id).error()));
      }
    }
    for (String id : plan.revokes()) {
      ChildOutcome outcome = revokes.get(id);
      if (outcome == null) {
        registryProblems.add(new Problem(ConditionReasons.DELETING, "revoking pull access to " + id));
      } else if (!outcome.isDone()) {
        registryProblems.add(pending(outcome, "revoking pull access to " + id, ConditionReasons.DELETING));
      }
    }
    Value registryAccess = registryProblems.isEmpty()
        ? new Value(ConditionTypes.REGISTRY_ACCESS_READY, ConditionStatus.TRUE, ConditionReasons.READY,
            desired.registryIds().isEmpty() ? "no registries requested"
                : "pull access granted to " + desired.registryIds().size() + " registries")
        : notReady(ConditionTypes.REGISTRY_ACCESS_READY, registryProblems);

    Value autoscalerProfile = profileCondition(provider, desired, observed.profile(), plan, profileOutcome);

    Value ready;
    if (registryAccess.isTrue() && autoscalerProfile.isTrue()) {
      ready = new Value(ConditionTypes.READY, ConditionStatus.TRUE, ConditionReasons.READY, "");
    } else {
      Value first = registryAccess.isTrue() ? autoscalerProfile : registryAccess;
      List<String> messages = new ArrayList<>();
      for (Value value : List.of(registryAccess, autoscalerProfile)) {
        if (!value.isTrue()) {
          messages.add(value.type() + ": " + value.message());
        }
      }
      ready = new Value(ConditionTypes.READY, ConditionStatus.FALSE, first.reason(), String.join("; ", messages));
    }
    boolean settled = (registryAccess.isTrue() || ConditionReasons.UNSUPPORTED.equals(registryAccess.reason()))
        && (autoscalerProfile.isTrue() || ConditionReasons.UNSUPPORTED.equals(autoscalerProfile.reason()));
    return new Result(registryAccess, autoscalerProfile, ready, settled,
        next(observed, grants, revokes, profileOutcome));
  }

  private static Value profileCondition(String provider, DesiredChildren desired, ProfileState state,
      ConfigPlan plan, ChildOutcome outcome) {
    String type = ConditionTypes.AUTOSCALER_PROFILE_READY;
    boolean requested = desired.autoscalerProfile() != null;
    if (!state.supported()) {
      return requested
          ? new Value(type, ConditionStatus.FALSE, ConditionReasons.UNSUPPORTED, "provider " + provider
              + " has no managed cluster autoscaler: spec.clusterAutoscaler is not applied")
          : new Value(type, ConditionStatus.TRUE, ConditionReasons.READY, "no profile requested");
    }
    if (state.error() != null) {
      return notReady(type, List.of(failed(null, "reading the autoscaler profile", state.error())));
    }
    String what = requested ? "applying the autoscaler profile" : "resetting the autoscaler profile to the cloud's "
        + "defaults";
    if (plan.ensureProfile()) {
      if (outcome == null) {
        return notReady(type, List.of(new Problem(ConditionReasons.UPDATING, what)));
      }
      if (!outcome.isDone()) {
        return notReady(type, List.of(pending(outcome, what, ConditionReasons.UPDATING)));
      }
    }
    return new Value(type, ConditionStatus.TRUE, ConditionReasons.READY, !requested ? "no profile requested"
        : state.reported() == null ? "autoscaler profile applied"
        : "autoscaler profile applied; the cloud reports " + describe(state.reported()));
  }

  /** {@code name=value} of every setting the profile has, in the API's field names and order. Pure. */
  static String describe(AutoscalerProfile profile) {
    StringBuilder text = new StringBuilder();
    for (RecordComponent component : AutoscalerProfile.class.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(profile);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("AutoscalerProfile." + component.getName() + " is not readable", e);
      }
      if (value != null) {
        text.append(text.length() == 0 ? "" : ", ").append(component.getName()).append('=')
            .append(value instanceof AutoscalerProfile.Expander
                ? ((AutoscalerProfile.Expander) value).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                : value);
      }
    }
    return text.toString();
  }

  private static Next next(ObservedConfig observed, Map<String, ChildOutcome> grants,
      Map<String, ChildOutcome> revokes, ChildOutcome profileOutcome) {
    List<CloudException> errors = new ArrayList<>();
    observed.registries().values().stream().map(RegistryState::error).filter(e -> e != null).forEach(errors::add);
    if (observed.profile().error() != null) {
      errors.add(observed.profile().error());
    }
    List<ChildOutcome> outcomes = new ArrayList<>(grants.values());
    outcomes.addAll(revokes.values());
    if (profileOutcome != null) {
      outcomes.add(profileOutcome);
    }
    outcomes.stream().map(ChildOutcome::error).filter(e -> e != null).forEach(errors::add);

    Duration retryAfter = null;
    boolean backoff = false;
    for (CloudException error : errors) {
      if (!error.retryable()) {
        continue; // Permanent: the condition says so and the resync looks again; no hot loop.
      }
      if (error.retryAfter() == null) {
        backoff = true;
      } else {
        retryAfter = max(retryAfter, error.retryAfter());
      }
    }
    if (backoff) {
      return new Next(Next.Kind.BACKOFF, null);
    }
    if (retryAfter != null) {
      return new Next(Next.Kind.POLL, retryAfter);
    }
    Duration poll = null;
    boolean pending = false;
    for (ChildOutcome outcome : outcomes) {
      if (outcome.status() != null && !outcome.isDone()) {
        pending = true;
        poll = max(poll, outcome.status().retryAfter());
      }
    }
    // A revocation the cloud confirmed is forgotten by the next pass, once isGranted says false: look soon.
    if (pending || revokes.values().stream().anyMatch(ChildOutcome::isDone)) {
      return new Next(Next.Kind.POLL, poll);
    }
    return new Next(Next.Kind.RESYNC, null);
  }

  private static Problem failed(String registryId, String doing, CloudException error) {
    return new Problem(reasonOf(error), doing + (registryId == null ? "" : " " + registryId) + ": "
        + error.describe());
  }

  private static Problem pending(ChildOutcome outcome, String doing, String inProgressReason) {
    if (outcome.error() != null) {
      return new Problem(reasonOf(outcome.error()), doing + ": " + outcome.error().describe());
    }
    OperationStatus status = outcome.status();
    String reason = status.kind() == OperationStatus.Kind.RETRY_LATER ? ConditionReasons.CLOUD_BUSY
        : inProgressReason;
    return new Problem(reason, doing + (status.message() == null || status.message().isBlank() ? ""
        : ": " + status.message()));
  }

  /** {@code CloudError} for a failure a retry may fix, {@code PermanentCloudError} (the object stalls) otherwise. */
  private static String reasonOf(CloudException error) {
    return error.retryable() ? ConditionReasons.CLOUD_ERROR : ConditionReasons.PERMANENT_CLOUD_ERROR;
  }

  private static Value notReady(String type, List<Problem> problems) {
    List<String> messages = problems.stream().map(Problem::message).toList();
    return new Value(type, ConditionStatus.FALSE, problems.get(0).reason(), String.join("; ", messages));
  }

  private static Duration max(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }
}
