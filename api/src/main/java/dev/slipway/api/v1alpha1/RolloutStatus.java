package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.OffsetDateTime;

/**
 * Progress of the current (or last) replacement of a Nodepool's pool. Kept in status so that any controller replica
 * can resume a rollout where another stopped.
 */
public record RolloutStatus(
    @JsonPropertyDescription("Step the rollout is at: CreatingTarget, WaitingForNodes, Cordoning, Draining, "
        + "DeletingOld, Cancelling or Complete.")
    String step,

    @JsonPropertyDescription("Template hash the rollout moves to.")
    String targetTemplateHash,

    @JsonPropertyDescription("When the rollout started.")
    OffsetDateTime startedAt,

    @JsonPropertyDescription("When the rollout completed or was cancelled; empty while it runs.")
    OffsetDateTime finishedAt,

    @JsonPropertyDescription("Old nodes to move off.")
    Integer nodesTotal,

    @JsonPropertyDescription("Old nodes cordoned so far.")
    Integer nodesCordoned,

    @JsonPropertyDescription("Old nodes fully drained so far.")
    Integer nodesDrained) {
}
