package dev.slipway.controllers.cluster;

import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.provider.ControlPlaneState;
import dev.slipway.provider.ProvisioningPhase;

/**
 * What to do about a control plane, decided from the desired version and what the cloud reports. Pure.
 *
 * @param callEnsure whether to call the provider's idempotent ensure (create or upgrade)
 * @param upgrade whether the cloud runs an older version than asked
 * @param ready whether the control plane serves at the desired version
 * @param phase the printed phase
 * @param reason the ControlPlaneReady reason
 * @param message the ControlPlaneReady message
 */
record ControlPlaneDecision(boolean callEnsure, boolean upgrade, boolean ready, String phase, String reason,
    String message) {

  static ControlPlaneDecision decide(String desiredVersion, ControlPlaneState state) {
    switch (state.phase()) {
      case ABSENT:
        return new ControlPlaneDecision(true, false, false, "Provisioning", ConditionReasons.CREATING,
            "creating the control plane");
      case CREATING:
        return new ControlPlaneDecision(true, false, false, "Provisioning", ConditionReasons.CREATING,
            "the cloud is creating the control plane (" + state.provisioningState() + ")");
      case UPDATING:
        return new ControlPlaneDecision(true, false, false, "Upgrading", ConditionReasons.UPDATING,
            "the cloud is updating the control plane (" + state.provisioningState() + ")");
      case DELETING:
        return new ControlPlaneDecision(false, false, false, "Failed", ConditionReasons.DELETING,
            "the control plane is being deleted outside Slipway");
      case FAILED:
        return new ControlPlaneDecision(true, false, false, "Failed", ConditionReasons.CLOUD_OPERATION_FAILED,
            "the cloud reports the control plane failed: " + state.message());
      case READY:
      default:
        boolean upgrade = state.phase() == ProvisioningPhase.READY && !sameVersion(state.version(), desiredVersion);
        if (upgrade) {
          return new ControlPlaneDecision(true, true, false, "Upgrading", ConditionReasons.UPDATING,
              "upgrading the control plane from " + state.version() + " to " + desiredVersion);
        }
        return new ControlPlaneDecision(false, false, true, "Ready", ConditionReasons.READY, "");
    }
  }

  /** 1.33 and 1.33.x are the same desired version: a minor-only spec accepts any patch the cloud picked. */
  static boolean sameVersion(String actual, String desired) {
    if (actual == null) {
      return false;
    }
    return actual.equals(desired) || actual.startsWith(desired + ".");
  }
}
