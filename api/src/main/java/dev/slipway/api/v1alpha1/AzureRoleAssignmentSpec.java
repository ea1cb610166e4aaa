package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One Azure role assignment for an AKS cluster's identity, resolved from a ClusterAdditionalConfig. */
@ValidationRule(value = "self == oldSelf",
    message = "an AzureRoleAssignment is immutable: its ClusterAdditionalConfig replaces it instead")
public record AzureRoleAssignmentSpec(
    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the AKS Cluster, in the same namespace, whose identity is granted the role.")
    String clusterName,

    @Required
    @Size(min = 1, max = 1024)
    @Pattern("^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/.+$")
    @JsonPropertyDescription("Azure resource ID the role is granted on, e.g. a container registry.")
    String scope,

    @Default("AcrPull")
    @JsonPropertyDescription("Built-in role granted. Only AcrPull is supported.")
    AzureRole role,

    @Default("KubeletIdentity")
    @JsonPropertyDescription("Which identity of the cluster receives the role. Only KubeletIdentity (the "
        + "identity nodes pull images with) is supported.")
    AzureClusterIdentity principal) {

  /** Built-in Azure roles Slipway assigns. */
  public enum AzureRole { AcrPull }

  /** Identities of an AKS cluster. */
  public enum AzureClusterIdentity { KubeletIdentity }
}
