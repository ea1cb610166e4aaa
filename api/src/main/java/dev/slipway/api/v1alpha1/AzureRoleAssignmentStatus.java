package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Observed state of an Azure role assignment. */
public record AzureRoleAssignmentStatus(
    @JsonPropertyDescription("The metadata.generation the controller last reconciled successfully.")
    Long observedGeneration,

    @JsonPropertyDescription("Current observations, with a summary Ready condition.")
    List<Condition> conditions,

    @JsonPropertyDescription("Object ID of the identity that was granted the role.")
    String principalId,

    @JsonPropertyDescription("Resource ID of the role assignment in Azure.")
    String assignmentId) {
}
