package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Observed state of a ProviderIdentity. Nothing writes it yet: whether an identity works shows on the Clusters that
 * use it (their Ready condition), not here. Kept so a later controller can report without a schema change.
 */
public record ProviderIdentityStatus(
    @JsonPropertyDescription("Generation of the spec this status describes.")
    Long observedGeneration) {
}
