package dev.slipway.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.containerservice.models.Expander;
import com.azure.resourcemanager.containerservice.models.ManagedClusterPropertiesAutoScalerProfile;
import dev.slipway.api.v1alpha1.AutoscalerProfile;
import org.junit.jupiter.api.Test;

class AksAutoscalerProfilesTest {

  private final AksAutoscalerProfiles profiles = new AksAutoscalerProfiles(null, null, null);

  /** The sample's profile: several settings spell out AKS's defaults. */
  static final AutoscalerProfile SAMPLE = new AutoscalerProfile(true, null, null,
      AutoscalerProfile.Expander.LEAST_WASTE, null, null, 600, null, null, null, null, "10s", "10m", null, null, "10m",
      null, "0.5", false, null);

  @Test
  void everySettingRoundTripsThroughAksModel() {
    AutoscalerProfile full = new AutoscalerProfile(true, true, false, AutoscalerProfile.Expander.MOST_PODS, true, 5,
        300, "20m", 30, "30s", 5, "20s", "15m", "20s", "5m", "15m", "25m", "0.6", true, false);

    ManagedClusterPropertiesAutoScalerProfile aks = AksAutoscalerProfiles.toAks(full);

    assertThat(aks.balanceSimilarNodeGroups()).isEqualTo("true");
    assertThat(aks.expander()).isEqualTo(Expander.MOST_PODS);
    assertThat(aks.maxGracefulTerminationSec()).isEqualTo("300");
    assertThat(aks.skipNodesWithSystemPods()).isEqualTo("false");
    assertThat(AksAutoscalerProfiles.fromAks(aks)).isEqualTo(full);
  }

  @Test
  void theEffectiveProfileFillsAksDefaultsSoSpelledOutDefaultsAreNoDifference() {
    AutoscalerProfile effective = profiles.effective(SAMPLE);

    assertThat(effective.expander()).isEqualTo(AutoscalerProfile.Expander.LEAST_WASTE);
    assertThat(effective.maxNodeProvisionTime()).isEqualTo("15m");
    assertThat(effective.skipNodesWithSystemPods()).isTrue();
    assertThat(profiles.effective(effective)).isEqualTo(effective);
    // What AKS reports after applying SAMPLE is SAMPLE with its defaults: the same effective profile.
    assertThat(profiles.effective(AksAutoscalerProfiles.fromAks(AksAutoscalerProfiles.toAks(effective))))
        .isEqualTo(effective);
    assertThat(profiles.effective(null)).isEqualTo(AksAutoscalerProfiles.AKS_DEFAULTS);
  }

  @Test
  void aProfileAksLeftEmptyReadsAsAllDefaults() {
    assertThat(profiles.effective(AksAutoscalerProfiles.fromAks(null))).isEqualTo(AksAutoscalerProfiles.AKS_DEFAULTS);
  }
}
