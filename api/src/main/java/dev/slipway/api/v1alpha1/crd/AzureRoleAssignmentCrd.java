package dev.slipway.api.v1alpha1.crd;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.slipway.api.v1alpha1.AzureRoleAssignmentSpec;
import dev.slipway.api.v1alpha1.AzureRoleAssignmentStatus;
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
@Kind("AzureRoleAssignment")
@Plural("azureroleassignments")
@ShortNames("azra")
@Categories("slipway")
@AdditionalPrinterColumn(name = "Cluster", type = STRING, jsonPath = ".spec.clusterName")
@AdditionalPrinterColumn(name = "Role", type = STRING, jsonPath = ".spec.role")
@AdditionalPrinterColumn(name = "Scope", type = STRING, jsonPath = ".spec.scope", priority = 1)
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public final class AzureRoleAssignmentCrd extends CustomResource<AzureRoleAssignmentSpec, AzureRoleAssignmentStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("The role assignment, written by the ClusterAdditionalConfig controller.")
  public AzureRoleAssignmentSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Observed state of the role assignment in Azure, written by Slipway.")
  public AzureRoleAssignmentStatus getStatus() {
    return super.getStatus();
  }
}
