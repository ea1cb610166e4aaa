package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to a cluster-scoped ProviderIdentity by name. */
public record IdentityRef(
    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the ProviderIdentity.")
    String name) {
}
