package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** How a Nodepool replaces its pool: how long a node's drain may take and what happens then. */
@ValidationRule(
    value = "!has(self.drainTimeout) || !self.drainTimeout.matches('" + RolloutPolicy.DURATION + "') "
        + "|| (duration(self.drainTimeout) >= duration('1m') && duration(self.drainTimeout) <= duration('24h'))",
    message = "drainTimeout must be between 1m and 24h", fieldPath = ".drainTimeout")
public record RolloutPolicy(
    @Default("15m")
    @Size(max = 32)
    @Pattern(RolloutPolicy.DURATION)
    @JsonPropertyDescription("How long Slipway tries to evict the pods of one old node before onDrainTimeout "
        + "applies; a duration between 1m and 24h such as 15m or 1h30m.")
    String drainTimeout,

    @Default("Wait")
    @JsonPropertyDescription("What happens when a node's drain outlives drainTimeout. Wait: keep the old node "
        + "cordoned and keep retrying evictions with backoff, reporting the blocking pods and PodDisruptionBudgets "
        + "in the DrainBlocked condition (no PodDisruptionBudget is ever violated). ForceDelete: delete the "
        + "remaining pods without the Eviction API, overriding their PodDisruptionBudgets.")
    DrainTimeoutAction onDrainTimeout,

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("How many old nodes are drained at the same time.")
    Integer maxConcurrentDrains) {

  /** A Go-style duration: one or more number+unit pairs, units h, m, s. */
  static final String DURATION = "^([0-9]+(h|m|s))+$";

  /** What to do when a node's drain times out. */
  public enum DrainTimeoutAction { Wait, ForceDelete }
}
