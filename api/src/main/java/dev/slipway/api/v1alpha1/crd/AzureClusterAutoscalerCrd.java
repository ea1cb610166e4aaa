package dev.slipway.api.v1alpha1.crd;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.slipway.api.v1alpha1.AzureClusterAutoscalerSpec;
import dev.slipway.api.v1alpha1.AzureClusterAutoscalerStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

@Group("slipway.dev")
@Version("v1alpha1")
@Kind("AzureClusterAutoscaler")
@Plural("azureclusterautoscalers")
@ShortNames("azca")
@Categories("slipway")
@AdditionalPrinterColumn(name = "Cluster", type = STRING, jsonPath = ".spec.clusterName")
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public final class AzureClusterAutoscalerCrd extends CustomResource<AzureClusterAutoscalerSpec, AzureClusterAutoscalerStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("The autoscaler profile, written by the ClusterAdditionalConfig controller.")
  public AzureClusterAutoscalerSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Observed state of the profile in AKS, written by Slipway.")
  public AzureClusterAutoscalerStatus getStatus() {
    return super.getStatus();
  }
}
