package dev.slipway.api.v1alpha1.crd;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.INTEGER;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.slipway.api.v1alpha1.MachinePoolSpec;
import dev.slipway.api.v1alpha1.MachinePoolStatus;
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
@Kind("MachinePool")
@Plural("machinepools")
@ShortNames("swmp")
@Categories("slipway")
@AdditionalPrinterColumn(name = "Cluster", type = STRING, jsonPath = ".spec.clusterName")
@AdditionalPrinterColumn(name = "Cloud Pool", type = STRING, jsonPath = ".spec.cloudPoolName")
@AdditionalPrinterColumn(name = "Desired", type = INTEGER, jsonPath = ".spec.replicas")
@AdditionalPrinterColumn(name = "Current", type = INTEGER, jsonPath = ".status.replicas")
@AdditionalPrinterColumn(name = "Ready Nodes", type = INTEGER, jsonPath = ".status.readyReplicas")
@AdditionalPrinterColumn(name = "Version", type = STRING, jsonPath = ".spec.version")
@AdditionalPrinterColumn(name = "Phase", type = STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public final class MachinePoolCrd extends CustomResource<MachinePoolSpec, MachinePoolStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("Desired state of the cloud node pool, written by the Nodepool controller.")
  public MachinePoolSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Observed state of the cloud node pool and its nodes, written by Slipway.")
  public MachinePoolStatus getStatus() {
    return super.getStatus();
  }
}
