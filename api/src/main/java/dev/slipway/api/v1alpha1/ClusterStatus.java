package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Observed state of a managed cluster, written only by the Cluster controller. */
public record ClusterStatus(
    @JsonPropertyDescription("The metadata.generation the controller last reconciled successfully.")
    Long observedGeneration,

    @JsonPropertyDescription("Summary for printing only (Pending, Provisioning, Ready, Upgrading, Deleting, "
        + "Failed); automation should read conditions.")
    String phase,

    @JsonPropertyDescription("Current observations, with a summary Ready condition.")
    List<Condition> conditions,

    @JsonPropertyDescription("Kubernetes version the control plane runs, as the cloud reports it.")
    String version,

    @JsonPropertyDescription("URL of the cluster's API server.")
    String endpoint,

    @JsonPropertyDescription("Secret, in the Cluster's namespace, holding a kubeconfig with short-lived "
        + "credentials for the cluster.")
    LocalRef kubeconfigSecretRef,

    @JsonPropertyDescription("The cloud's identifier of the cluster (EKS ARN, AKS resource ID or simulated ID).")
    String cloudResourceId) {
}
