package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.gson.annotations.SerializedName;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** AKS managed-cluster settings. Credentials never appear here: the controllers use workload identity. */
@ValidationRule(value = "self.subscriptionId == oldSelf.subscriptionId",
    message = "spec.azure.subscriptionId is immutable", fieldPath = ".subscriptionId")
@ValidationRule(value = "self.resourceGroup == oldSelf.resourceGroup",
    message = "spec.azure.resourceGroup is immutable", fieldPath = ".resourceGroup")
@ValidationRule(value = "self.networkPlugin == oldSelf.networkPlugin",
    message = "spec.azure.networkPlugin is immutable", fieldPath = ".networkPlugin")
public record AzureClusterSpec(
    @Required
    @Pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
    @JsonPropertyDescription("Azure subscription ID (a GUID). Immutable.")
    String subscriptionId,

    @Required
    @Size(min = 1, max = 90)
    @Pattern("^[-\\w._()]*[-\\w_()]$")
    @JsonPropertyDescription("Resource group that holds the managed cluster. Immutable.")
    String resourceGroup,

    @Default("Free")
    @JsonPropertyDescription("AKS pricing tier: Free, Standard or Premium.")
    SkuTier skuTier,

    @Default("azure")
    @JsonPropertyDescription("Network plugin: azure (Azure CNI), kubenet or none. Immutable.")
    NetworkPlugin networkPlugin,

    @Size(max = 50)
    @JsonPropertyDescription("Tags applied to the managed cluster and its agent pools.")
    Map<String, String> tags) {

  /** AKS pricing tiers. */
  public enum SkuTier { Free, Standard, Premium }

  /** AKS network plugins. */
  public enum NetworkPlugin {
    @JsonProperty("azure") @SerializedName("azure") AZURE,
    @JsonProperty("kubenet") @SerializedName("kubenet") KUBENET,
    @JsonProperty("none") @SerializedName("none") NONE
  }
}
