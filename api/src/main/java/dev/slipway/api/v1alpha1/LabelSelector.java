package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/** A Kubernetes label selector (meta/v1 LabelSelector): every matchLabels entry and every expression must hold. */
public record LabelSelector(
    @JsonPropertyDescription("Labels that must be present with exactly these values.")
    Map<String, String> matchLabels,

    @Size(max = 32)
    @JsonPropertyDescription("Expressions over labels, all of which must hold.")
    List<LabelSelectorRequirement> matchExpressions) {
}
