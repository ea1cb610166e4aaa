package dev.slipway.controllers.additionalconfig;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import java.util.List;

/**
 * The intents of one pass, decided by {@link ConfigPlanner}: what to grant and revoke, whether to set the autoscaler
 * profile, and the {@link GrantRecord} to persist before any of it is sent to the cloud.
 *
 * @param grants registries to grant pull access to, in spec order
 * @param revokes registries to revoke, sorted
 * @param ensureProfile whether to call {@code AutoscalerProfileService.ensure}
 * @param profile the profile to ensure (null: back to the cloud's defaults); meaningful only with ensureProfile
 * @param record what this object may have changed in the cloud once the intents are carried out
 */
record ConfigPlan(List<String> grants, List<String> revokes, boolean ensureProfile, AutoscalerProfile profile,
    GrantRecord record) {

  ConfigPlan {
    grants = List.copyOf(grants);
    revokes = List.copyOf(revokes);
  }

  boolean hasCloudCalls() {
    return !grants.isEmpty() || !revokes.isEmpty() || ensureProfile;
  }
}
