package dev.slipway.controllers.additionalconfig;

import dev.slipway.controllers.additionalconfig.ObservedConfig.ProfileState;
import dev.slipway.controllers.additionalconfig.ObservedConfig.RegistryState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides a pass of a ClusterAdditionalConfig from its desired children, its {@link GrantRecord} and what the cloud
 * reported. Pure and level-based: it compares desired with observed and never looks at what changed in the spec.
 *
 * <p>Siblings (other live ClusterAdditionalConfigs of the same Cluster) are respected: a registry a sibling still
 * asks for is not revoked when this object drops it, and the profile is not reset while a sibling sets one.
 */
final class ConfigPlanner {

  private ConfigPlanner() {
  }

  /** The registry IDs whose pull access must be read this pass: the desired ones and the recorded ones. */
  static Set<String> registriesToObserve(DesiredChildren desired, GrantRecord record) {
    Set<String> ids = new LinkedHashSet<>(desired.registryIds());
    ids.addAll(record.registryIds());
    return ids;
  }

  /**
   * Plans one pass.
   *
   * @param desired what the spec resolves into ({@link DesiredChildren#NONE} when the object is being deleted)
   * @param record what this object may have changed in the cloud
   * @param observed the cloud's answers for {@link #registriesToObserve} and the profile
   * @param siblingRegistries registries other live configurations of the same Cluster ask for
   * @param siblingSetsProfile whether another live configuration of the same Cluster sets a profile
   */
  static ConfigPlan plan(DesiredChildren desired, GrantRecord record, ObservedConfig observed,
      Set<String> siblingRegistries, boolean siblingSetsProfile) {
    List<String> grants = new ArrayList<>();
    for (String id : desired.registryIds()) {
      if (Boolean.FALSE.equals(observed.registry(id).granted())) {
        grants.add(id);
      }
    }
    Set<String> revokes = new TreeSet<>();
    Set<String> recorded = new TreeSet<>(desired.registryIds());
    for (String id : record.registryIds()) {
      if (desired.registryIds().contains(id) || siblingRegistries.contains(id)) {
        continue; // Still wanted (here or by a sibling, which records it itself): not ours to revoke.
      }
      RegistryState state = observed.registry(id);
      if (Boolean.TRUE.equals(state.granted())) {
        revokes.add(id);
      }
      if (!Boolean.FALSE.equals(state.granted())) {
        recorded.add(id); // Granted, or unknown after a failed read: forget it only once the cloud says it is gone.
      }
    }

    ProfileState profile = observed.profile();
    boolean ensureProfile = false;
    boolean managed;
    if (!profile.supported()) {
      managed = false; // Nothing can have been set through a port that does not exist.
    } else if (profile.error() != null) {
      managed = record.autoscalerProfileManaged() || desired.autoscalerProfile() != null;
    } else if (desired.autoscalerProfile() != null) {
      ensureProfile = !Objects.equals(profile.current(), desired.autoscalerProfile());
      managed = true;
    } else if (record.autoscalerProfileManaged() && !siblingSetsProfile) {
      ensureProfile = profile.current() != null;
      managed = profile.current() != null;
    } else {
      managed = false;
    }
    return new ConfigPlan(grants, new ArrayList<>(revokes), ensureProfile,
        ensureProfile ? desired.autoscalerProfile() : null, GrantRecord.of(recorded, managed));
  }
}
