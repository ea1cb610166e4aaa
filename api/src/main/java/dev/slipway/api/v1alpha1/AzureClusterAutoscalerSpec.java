package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The cluster-autoscaler profile of one AKS cluster, resolved from a ClusterAdditionalConfig. */
@ValidationRule(value = "self.clusterName == oldSelf.clusterName", message = "spec.clusterName is immutable",
    fieldPath = ".clusterName")
public record AzureClusterAutoscalerSpec(
    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the AKS Cluster, in the same namespace, the profile applies to. Immutable.")
    String clusterName,

    @Required
    @JsonPropertyDescription("The autoscaler profile to apply.")
    AutoscalerProfile profile) {
}
