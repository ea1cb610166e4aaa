package dev.slipway.controllers.additionalconfig;

import dev.slipway.api.v1alpha1.AutoscalerProfile;

/** Autoscaler profiles for tables, distinct by their expander. */
final class TestProfiles {

  private TestProfiles() {
  }

  static AutoscalerProfile profile(String expander) {
    AutoscalerProfile.Expander value = AutoscalerProfile.Expander.valueOf(expander.toUpperCase().replace('-', '_'));
    return new AutoscalerProfile(true, null, null, value, null, null, null, null, null, null, null, "10s", "10m",
        null, null, "10m", null, null, null, null);
  }
}
