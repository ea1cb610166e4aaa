package dev.slipway.api.v1alpha1.crd;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.slipway.api.v1alpha1.ProviderIdentitySpec;
import dev.slipway.api.v1alpha1.ProviderIdentityStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Cluster-scoped (it does not implement {@code Namespaced}): one identity serves Clusters of several namespaces. */
@Group("slipway.dev")
@Version("v1alpha1")
@Kind("ProviderIdentity")
@Plural("provideridentities")
@ShortNames("swpi")
@Categories("slipway")
@AdditionalPrinterColumn(name = "Provider", type = STRING, jsonPath = ".spec.provider")
@AdditionalPrinterColumn(name = "Role", type = STRING, jsonPath = ".spec.aws.roleArn")
@AdditionalPrinterColumn(name = "Client ID", type = STRING, jsonPath = ".spec.azure.clientId")
@AdditionalPrinterColumn(name = "Account", type = STRING, jsonPath = ".spec.sim.account")
@AdditionalPrinterColumn(name = "Namespaces", type = STRING, jsonPath = ".spec.allowedNamespaces.list",
    priority = 1)
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public final class ProviderIdentityCrd extends CustomResource<ProviderIdentitySpec, ProviderIdentityStatus> {

  @Override
  @Required
  @JsonPropertyDescription("The cloud identity and the namespaces allowed to use it, written by platform admins.")
  public ProviderIdentitySpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Observed state; not written yet (see the Ready condition of the Clusters using it).")
  public ProviderIdentityStatus getStatus() {
    return super.getStatus();
  }
}
