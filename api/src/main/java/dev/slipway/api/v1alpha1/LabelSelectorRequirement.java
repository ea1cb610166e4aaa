package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One expression of a {@link LabelSelector}, as in meta/v1. */
@ValidationRule(value = "self.operator in ['In', 'NotIn'] ? has(self.values) && size(self.values) > 0 "
    + ": !has(self.values) || size(self.values) == 0",
    message = "values must be non-empty for In and NotIn and empty for Exists and DoesNotExist")
public record LabelSelectorRequirement(
    @Required
    @JsonPropertyDescription("Label key.")
    String key,

    @Required
    @Pattern("^(In|NotIn|Exists|DoesNotExist)$")
    @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
    String operator,

    @JsonPropertyDescription("Values for In and NotIn; empty for Exists and DoesNotExist.")
    List<String> values) {
}
