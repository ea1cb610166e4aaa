package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** Observed state of a Nodepool, written only by the Nodepool controller. */
public record NodepoolStatus(
    @JsonPropertyDescription("The metadata.generation the controller last reconciled successfully.")
    Long observedGeneration,

    @JsonPropertyDescription("Summary for printing only (Pending, Provisioning, Ready, RollingOut, Deleting, "
        + "Failed); automation should read conditions.")
    String phase,

    @JsonPropertyDescription("Current observations, with a summary Ready condition.")
    List<Condition> conditions,

    @JsonPropertyDescription("The MachinePool serving the workload now.")
    ObjectRef activeMachinePool,

    @JsonPropertyDescription("The MachinePool a rollout is moving the workload to; empty when no rollout runs.")
    ObjectRef targetMachinePool,

    @JsonPropertyDescription("Versioned hash of the replacement-forcing fields (template and version) of the "
        + "active pool, e.g. v1-5d8f2c7a.")
    String templateHash,

    @JsonPropertyDescription("Kubernetes version of the active pool's nodes.")
    String version,

    @StatusReplicas
    @JsonPropertyDescription("Nodes in the active pool.")
    Integer replicas,

    @JsonPropertyDescription("Nodes in the active pool that are Ready in the workload cluster.")
    Integer readyReplicas,

    @JsonPropertyDescription("Progress of the current or last rollout.")
    RolloutStatus rollout) {
}
