package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.time.OffsetDateTime;

/**
 * One observation of an aspect of an object's state, in the standard Kubernetes shape ({@code metav1.Condition}).
 * Condition types are declared in {@link ConditionTypes}.
 */
public record Condition(
    @Required
    @Size(min = 1, max = 316)
    @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")
    @JsonPropertyDescription("Type of the condition in CamelCase, e.g. Ready.")
    String type,

    @Required
    @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
    ConditionStatus status,

    @Min(0)
    @JsonPropertyDescription("The metadata.generation the condition was computed from. A condition whose "
        + "observedGeneration is older than metadata.generation may be out of date.")
    Long observedGeneration,

    @Required
    @JsonPropertyDescription("When the condition last changed status (not when it was last computed), RFC 3339.")
    OffsetDateTime lastTransitionTime,

    @Required
    @Size(min = 1, max = 1024)
    @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
    @JsonPropertyDescription("Machine-readable reason for the last transition, in CamelCase.")
    String reason,

    @Size(max = 32768)
    @JsonPropertyDescription("Human-readable detail: what is wrong and what is blocking, naming the object, "
        + "field or cloud error code involved.")
    String message) {
}
