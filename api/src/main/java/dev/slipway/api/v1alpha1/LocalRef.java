package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A reference by name to an object in the same namespace, e.g. a Secret. */
public record LocalRef(
    @Required
    @JsonPropertyDescription("Name of the referenced object, in the same namespace.")
    String name) {
}
