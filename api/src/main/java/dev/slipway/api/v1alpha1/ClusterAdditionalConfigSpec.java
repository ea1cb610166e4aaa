package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * What a managed cluster needs to be workload-ready beyond its cluster API: registry pull access and the
 * cluster-autoscaler profile. Slipway resolves it into provider child objects (on Azure: one AzureRoleAssignment per
 * registry and one AzureClusterAutoscaler) that are reconciled individually.
 */
@ValidationRule(value = "self.clusterName == oldSelf.clusterName", message = "spec.clusterName is immutable",
    fieldPath = ".clusterName")
@ValidationRule(value = "!has(self.containerRegistries) || "
    + "self.containerRegistries.all(r, self.containerRegistries.exists_one(o, o.id == r.id))",
    message = "containerRegistries must not list a registry twice", fieldPath = ".containerRegistries")
public record ClusterAdditionalConfigSpec(
    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the Cluster, in the same namespace, this configuration applies to. "
        + "Immutable.")
    String clusterName,

    @Size(max = 32)
    @JsonPropertyDescription("Registries the cluster's nodes pull images from.")
    List<ContainerRegistryAccess> containerRegistries,

    @JsonPropertyDescription("Cluster-autoscaler profile. On AKS it sets the managed cluster's autoscaler "
        + "profile; a provider without a managed autoscaler reports it as unsupported in a condition.")
    AutoscalerProfile clusterAutoscaler) {
}
