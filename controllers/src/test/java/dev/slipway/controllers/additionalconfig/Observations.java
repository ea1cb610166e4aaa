package dev.slipway.controllers.additionalconfig;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.controllers.additionalconfig.ObservedConfig.ProfileState;
import dev.slipway.controllers.additionalconfig.ObservedConfig.RegistryState;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.OperationStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact notation for table rows. Registries: {@code "a=T,b=F,c=E"} (granted, not granted, read failed).
 * Profiles: {@code unsupported}, {@code none} (cloud defaults), {@code error}, or an expander name such as
 * {@code least-waste}. Outcomes: {@code done}, {@code progress}, {@code busy}, {@code error} (retryable, no
 * Retry-After), {@code throttled} (retryable, Retry-After 20 s), {@code denied} (permanent).
 */
final class Observations {

  static final CloudException READ_ERROR = CloudException.retryable("InternalServerError", "boom", "req-1", null);

  private Observations() {
  }

  static ObservedConfig observed(String registries, String profile) {
    Map<String, RegistryState> states = new LinkedHashMap<>();
    for (String entry : split(registries)) {
      String[] parts = entry.split("=");
      states.put(parts[0], switch (parts[1]) {
        case "T" -> RegistryState.granted(true);
        case "F" -> RegistryState.granted(false);
        default -> RegistryState.failed(READ_ERROR);
      });
    }
    return new ObservedConfig(states, profileState(profile));
  }

  static ProfileState profileState(String profile) {
    switch (profile) {
      case "unsupported":
        return ProfileState.unsupported();
      case "none":
        return new ProfileState(true, null, null);
      case "error":
        return new ProfileState(true, null, READ_ERROR);
      default:
        return new ProfileState(true, profile(profile), null);
    }
  }

  static AutoscalerProfile profile(String name) {
    return name == null || name.equals("-") ? null : TestProfiles.profile(name);
  }

  static List<String> split(String list) {
    return list == null || list.isBlank() || list.equals("-") ? List.of() : Arrays.asList(list.split(","));
  }

  static ChildOutcome outcome(String kind) {
    switch (kind) {
      case "done":
        return ChildOutcome.of(OperationStatus.done());
      case "progress":
        return ChildOutcome.of(OperationStatus.inProgress(Duration.ofSeconds(7), "Granting", "operation op-1"));
      case "busy":
        return ChildOutcome.of(OperationStatus.retryLater(Duration.ofSeconds(12), "ClusterBusy",
            "pool apps is Scaling"));
      case "error":
        return ChildOutcome.failed(CloudException.retryable("InternalServerError", "boom", "req-2", null));
      case "throttled":
        return ChildOutcome.failed(CloudException.retryable("Throttling", "slow down", "req-3",
            Duration.ofSeconds(20)));
      case "denied":
        return ChildOutcome.failed(CloudException.permanent("AuthorizationFailed", "no role", "req-4"));
      default:
        throw new IllegalArgumentException(kind);
    }
  }
}
