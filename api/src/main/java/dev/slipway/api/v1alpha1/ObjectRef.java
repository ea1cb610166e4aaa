package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * A reference to another Slipway object in the same namespace. References never cross namespaces: a team's
 * namespace cannot reach another team's objects.
 */
public record ObjectRef(
    @JsonPropertyDescription("API version of the referenced object, e.g. slipway.dev/v1alpha1.")
    String apiVersion,

    @JsonPropertyDescription("Kind of the referenced object, e.g. MachinePool.")
    String kind,

    @Required
    @JsonPropertyDescription("Name of the referenced object, in the same namespace.")
    String name,

    @JsonPropertyDescription("UID of the referenced object, so that a deleted and recreated object of the same "
        + "name is not mistaken for the one referenced.")
    String uid) {
}
