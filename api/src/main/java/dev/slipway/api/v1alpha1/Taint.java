package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A taint put on every node of a pool at creation and kept in place afterwards. */
public record Taint(
    @Required
    @Size(min = 1, max = 316)
    @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
    @JsonPropertyDescription("Taint key, a qualified name such as dedicated or example.com/gpu.")
    String key,

    @Size(max = 63)
    @Pattern("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")
    @JsonPropertyDescription("Taint value: at most 63 alphanumerics, '-', '_' or '.', starting and ending with an "
        + "alphanumeric (as a label value), or empty.")
    String value,

    @Required
    @JsonPropertyDescription("NoSchedule, PreferNoSchedule or NoExecute.")
    Effect effect) {

  /** Taint effects, as Kubernetes spells them. */
  public enum Effect { NoSchedule, PreferNoSchedule, NoExecute }
}
