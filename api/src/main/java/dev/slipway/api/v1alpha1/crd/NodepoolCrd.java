package dev.slipway.api.v1alpha1.crd;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.INTEGER;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.api.v1alpha1.NodepoolStatus;
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
@Kind("Nodepool")
@Plural("nodepools")
@ShortNames("np")
@Categories("slipway")
@ValidationRule(
    value = "self.metadata.name.size() <= 63 && self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
    message = "metadata.name must be a DNS-1123 label (at most 63 lowercase alphanumerics and '-'): it is "
        + "used as a label value")
@AdditionalPrinterColumn(name = "Cluster", type = STRING, jsonPath = ".spec.clusterName")
@AdditionalPrinterColumn(name = "Desired", type = INTEGER, jsonPath = ".spec.replicas")
@AdditionalPrinterColumn(name = "Current", type = INTEGER, jsonPath = ".status.replicas")
@AdditionalPrinterColumn(name = "Ready Nodes", type = INTEGER, jsonPath = ".status.readyReplicas")
@AdditionalPrinterColumn(name = "Version", type = STRING, jsonPath = ".status.version")
@AdditionalPrinterColumn(name = "Machine Type", type = STRING, jsonPath = ".spec.template.machineType")
@AdditionalPrinterColumn(name = "OS", type = STRING, jsonPath = ".spec.template.osImage")
@AdditionalPrinterColumn(name = "Phase", type = STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Rollout", type = STRING, jsonPath = ".status.rollout.step", priority = 1)
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public final class NodepoolCrd extends CustomResource<NodepoolSpec, NodepoolStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("Desired state of the node pool, written by the platform team (usually from Git).")
  public NodepoolSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Observed state of the node pool and its rollout, written by Slipway.")
  public NodepoolStatus getStatus() {
    return super.getStatus();
  }
}
