package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** Observed state of one cloud node pool, written only by the MachinePool controller. */
public record MachinePoolStatus(
    @JsonPropertyDescription("The metadata.generation the controller last reconciled successfully.")
    Long observedGeneration,

    @JsonPropertyDescription("Summary for printing only (Pending, Provisioning, Ready, Scaling, Deleting, "
        + "Failed); automation should read conditions.")
    String phase,

    @JsonPropertyDescription("Current observations, with a summary Ready condition.")
    List<Condition> conditions,

    @JsonPropertyDescription("The cloud's identifier of the pool (node group ARN, agent pool resource ID or "
        + "simulated ID).")
    String cloudResourceId,

    @JsonPropertyDescription("Provisioning state as the cloud reports it, e.g. CREATING, ACTIVE, Succeeded.")
    String provisioningState,

    @JsonPropertyDescription("Canonical providerIDs of the pool's machines, as the cloud lists them.")
    List<String> providerIDList,

    @StatusReplicas
    @JsonPropertyDescription("Machines the cloud reports in the pool.")
    Integer replicas,

    @JsonPropertyDescription("Machines whose Node is Ready in the workload cluster.")
    Integer readyReplicas,

    @JsonPropertyDescription("The workload cluster's Nodes of this pool, matched by full canonical providerID.")
    List<NodeRef> nodeRefs) {
}
