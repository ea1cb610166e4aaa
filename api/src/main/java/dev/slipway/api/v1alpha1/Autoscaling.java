package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Bounds for the cloud's cluster autoscaler. While set, the node count belongs to the autoscaler: Slipway applies
 * the bounds and never fights the count it chose.
 */
@ValidationRule(value = "self.minReplicas <= self.maxReplicas",
    message = "minReplicas must not exceed maxReplicas",
    fieldPath = ".minReplicas")
public record Autoscaling(
    @Required
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Fewest nodes the autoscaler may scale the pool to.")
    Integer minReplicas,

    @Required
    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Most nodes the autoscaler may scale the pool to.")
    Integer maxReplicas) {
}
