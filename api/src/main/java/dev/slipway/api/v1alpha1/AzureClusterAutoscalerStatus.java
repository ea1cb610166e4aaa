package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Observed state of an AKS cluster-autoscaler profile. */
public record AzureClusterAutoscalerStatus(
    @JsonPropertyDescription("The metadata.generation the controller last reconciled successfully.")
    Long observedGeneration,

    @JsonPropertyDescription("Current observations, with a summary Ready condition.")
    List<Condition> conditions,

    @JsonPropertyDescription("The profile as AKS reports it after applying it, including AKS's defaults.")
    AutoscalerProfile appliedProfile) {
}
