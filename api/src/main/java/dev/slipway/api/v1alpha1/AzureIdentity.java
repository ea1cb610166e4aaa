package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A Microsoft Entra app registration (or user-assigned managed identity) the controllers' workload-identity token is
 * federated with. No secret: the token comes from the controllers' projected service-account token file.
 */
public record AzureIdentity(
    @Required
    @Pattern(AzureIdentity.GUID)
    @JsonPropertyDescription("Microsoft Entra tenant ID (a GUID).")
    String tenantId,

    @Required
    @Pattern(AzureIdentity.GUID)
    @JsonPropertyDescription("Client (application) ID of the app registration or managed identity (a GUID).")
    String clientId) {

  static final String GUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
}
