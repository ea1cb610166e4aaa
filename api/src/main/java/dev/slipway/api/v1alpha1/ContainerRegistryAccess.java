package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A container registry the cluster's nodes must be able to pull from. */
@ValidationRule(
    value = "self.id.matches('" + ContainerRegistryAccess.ACR_ID + "') || self.id.matches('"
        + ContainerRegistryAccess.ECR_ARN + "')",
    message = "id must be an Azure Container Registry resource ID "
        + "(/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name>) or an "
        + "ECR repository ARN (arn:aws:ecr:<region>:<account>:repository/<name or *>)",
    fieldPath = ".id")
public record ContainerRegistryAccess(
    @Required
    @Size(min = 1, max = 1024)
    @JsonPropertyDescription("The registry: an Azure Container Registry resource ID (grants AcrPull to the "
        + "cluster's kubelet identity) or an ECR repository ARN, wildcards allowed in the repository name "
        + "(grants ECR read access to the node role).")
    String id) {

  static final String ACR_ID = "^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\\\w._()]+/providers/"
      + "Microsoft.ContainerRegistry/registries/[A-Za-z0-9]{5,50}$";
  static final String ECR_ARN = "^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9*][a-z0-9._/*-]*$";
}
