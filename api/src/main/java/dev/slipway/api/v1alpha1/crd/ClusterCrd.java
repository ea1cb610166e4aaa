package dev.slipway.api.v1alpha1.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.api.v1alpha1.ClusterStatus;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
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
@Kind("Cluster")
@Plural("clusters")
@ShortNames("swcl")
@Categories("slipway")
@ValidationRule(
    value = "self.metadata.name.size() <= 63 && self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
    message = "metadata.name must be a DNS-1123 label (at most 63 lowercase alphanumerics and '-'): it names the "
        + "cloud cluster")
@AdditionalPrinterColumn(name = "Provider", type = STRING, jsonPath = ".spec.provider")
@AdditionalPrinterColumn(name = "Region", type = STRING, jsonPath = ".spec.region")
@AdditionalPrinterColumn(name = "Version", type = STRING, jsonPath = ".spec.version")
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Phase", type = STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Identity", type = STRING, jsonPath = ".spec.identityRef.name", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public final class ClusterCrd extends CustomResource<ClusterSpec, ClusterStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("Desired state of the managed cluster, written by the platform team (usually from Git).")
  public ClusterSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Observed state of the managed cluster, written by Slipway.")
  public ClusterStatus getStatus() {
    return super.getStatus();
  }
}
