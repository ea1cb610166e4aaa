package dev.slipway.controllers.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.provider.ControlPlaneState;
import dev.slipway.provider.ProvisioningPhase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the Cluster controller does about a control plane, as a table. */
class ControlPlaneDecisionTest {

  @ParameterizedTest(name = "{0} at {1}, want {2}")
  @CsvSource({
      // phase,    cloud version, desired, callEnsure, upgrade, ready, phase printed, reason
      "ABSENT,     ,              1.33,    true,       false,   false, Provisioning,  Creating",
      "CREATING,   ,              1.33,    true,       false,   false, Provisioning,  Creating",
      "READY,      1.33.4,        1.33,    false,      false,   true,  Ready,         Ready",
      "READY,      1.33,          1.33,    false,      false,   true,  Ready,         Ready",
      "READY,      1.33.4,        1.34,    true,       true,    false, Upgrading,     Updating",
      "READY,      1.33.4,        1.33.5,  true,       true,    false, Upgrading,     Updating",
      "UPDATING,   1.33.4,        1.34,    true,       false,   false, Upgrading,     Updating",
      "FAILED,     1.33.4,        1.33,    true,       false,   false, Failed,        CloudOperationFailed",
      "DELETING,   1.33.4,        1.33,    false,      false,   false, Failed,        Deleting"})
  void decides(ProvisioningPhase phase, String cloudVersion, String desired, boolean callEnsure, boolean upgrade,
      boolean ready, String printed, String reason) {
    ControlPlaneDecision decision = ControlPlaneDecision.decide(desired,
        new ControlPlaneState(phase, phase.name(), cloudVersion, null, null, "AllocationFailed: no capacity"));
    assertThat(decision.callEnsure()).isEqualTo(callEnsure);
    assertThat(decision.upgrade()).isEqualTo(upgrade);
    assertThat(decision.ready()).isEqualTo(ready);
    assertThat(decision.phase()).isEqualTo(printed);
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} satisfies {1}: {2}")
  @CsvSource({"1.33.4, 1.33, true", "1.33, 1.33, true", "1.330.1, 1.33, false", "1.34.0, 1.33, false",
      ", 1.33, false"})
  void aMinorOnlySpecAcceptsAnyPatch(String actual, String desired, boolean same) {
    assertThat(ControlPlaneDecision.sameVersion(actual, desired)).isEqualTo(same);
  }
}
