package dev.slipway.controllers.additionalconfig;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfigSpec;
import dev.slipway.api.v1alpha1.ContainerRegistryAccess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a ClusterAdditionalConfig's spec resolves into: one registry-access child per
 * {@code spec.containerRegistries[].id} and one autoscaler-profile child when {@code spec.clusterAutoscaler} is set.
 * The children are reconciled individually through the provider's {@code RegistryAccessService} and
 * {@code AutoscalerProfileService} ports; they are cloud-side state, not Kubernetes objects.
 *
 * @param registryIds registry IDs in spec order, each once
 * @param autoscalerProfile the profile to apply, or null when the spec asks for none
 */
record DesiredChildren(List<String> registryIds, AutoscalerProfile autoscalerProfile) {

  /** Nothing: what a deleted configuration resolves into. */
  static final DesiredChildren NONE = new DesiredChildren(List.of(), null);

  DesiredChildren {
    registryIds = List.copyOf(registryIds);
  }

  /** Resolves a spec. Pure; a null spec or null lists resolve to no children. */
  static DesiredChildren resolve(ClusterAdditionalConfigSpec spec) {
    if (spec == null) {
      return NONE;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (ContainerRegistryAccess registry : spec.containerRegistries() == null
        ? List.<ContainerRegistryAccess>of() : spec.containerRegistries()) {
      // Note: the API server's CEL rules already refuse blank and duplicate IDs; this only keeps the contract total.
      if (registry != null && registry.id() != null && !registry.id().isBlank()) {
        ids.add(registry.id());
      }
    }
    return new DesiredChildren(new ArrayList<>(ids), spec.clusterAutoscaler());
  }

  /** How many children there are, for messages. */
  int size() {
    return registryIds.size() + (autoscalerProfile == null ? 0 : 1);
  }
}
