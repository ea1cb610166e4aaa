package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Observed state of a ClusterAdditionalConfig: a summary of the child objects it resolved into. */
public record ChildResourceStatus(
    @JsonPropertyDescription("The metadata.generation the controller last reconciled successfully.")
    Long observedGeneration,

    @JsonPropertyDescription("Current observations, with a summary Ready condition that is True when every child "
        + "is Ready.")
    List<Condition> conditions,

    @JsonPropertyDescription("The child objects this configuration resolved into.")
    List<ObjectRef> children) {
}
