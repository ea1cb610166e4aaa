package dev.slipway.api.v1alpha1.crd;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfigSpec;
import dev.slipway.api.v1alpha1.ChildResourceStatus;
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
@Kind("ClusterAdditionalConfig")
@Plural("clusteradditionalconfigs")
@ShortNames("cac")
@Categories("slipway")
@AdditionalPrinterColumn(name = "Cluster", type = STRING, jsonPath = ".spec.clusterName")
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public final class ClusterAdditionalConfigCrd extends CustomResource<ClusterAdditionalConfigSpec, ChildResourceStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("What the cluster needs beyond its cluster API, written by the platform team (usually from Git).")
  public ClusterAdditionalConfigSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Observed state of the child objects, written by Slipway.")
  public ChildResourceStatus getStatus() {
    return super.getStatus();
  }
}
