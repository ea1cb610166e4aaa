package dev.slipway.controllers.additionalconfig;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.provider.CloudException;
import java.util.Map;

/**
 * What the cloud reported for one ClusterAdditionalConfig in this pass: built by the reconciler from provider reads,
 * consumed by the pure {@link ConfigPlanner} and {@link ConfigConditions}. A failed read is kept as its error, not
 * guessed: nothing is granted or revoked on a registry whose state is unknown.
 *
 * @param registries per registry ID looked at: granted or not, or the read's error
 * @param profile the autoscaler profile as the cloud has it
 */
record ObservedConfig(Map<String, RegistryState> registries, ProfileState profile) {

  ObservedConfig {
    registries = Map.copyOf(registries);
  }

  /** One registry's pull access. Exactly one of {@code granted} and {@code error} is non-null. */
  record RegistryState(Boolean granted, CloudException error) {

    static RegistryState granted(boolean granted) {
      return new RegistryState(granted, null);
    }

    static RegistryState failed(CloudException error) {
      return new RegistryState(null, error);
    }
  }

  /**
   * The cluster's autoscaler profile.
   *
   * @param supported whether the provider can set one at all; when not, nothing was read
   * @param current the profile the cloud has, in the spec's terms (null: its defaults), when read without error
   * @param error the read's error, or null
   * @param reported the profile exactly as the cloud reports it, its defaults included (for the condition message)
   */
  record ProfileState(boolean supported, AutoscalerProfile current, CloudException error, AutoscalerProfile reported) {

    ProfileState(boolean supported, AutoscalerProfile current, CloudException error) {
      this(supported, current, error, current);
    }

    static ProfileState unsupported() {
      return new ProfileState(false, null, null);
    }
  }

  /** The registry's state, or "not granted" for an ID that was not looked at (it cannot be one of ours). */
  RegistryState registry(String registryId) {
    return registries.getOrDefault(registryId, RegistryState.granted(false));
  }
}
