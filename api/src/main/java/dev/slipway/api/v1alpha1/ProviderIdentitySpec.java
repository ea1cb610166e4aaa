package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A cloud identity and the namespaces whose Clusters may use it. Exactly one provider section is set, the one
 * {@code provider} names.
 */
@ValidationRule(
    value = "(has(self.aws) ? 1 : 0) + (has(self.azure) ? 1 : 0) + (has(self.sim) ? 1 : 0) == 1",
    message = "exactly one of spec.aws, spec.azure and spec.sim must be set")
@ValidationRule(
    value = "self.provider == 'aws' ? has(self.aws) : (self.provider == 'azure' ? has(self.azure) : has(self.sim))",
    messageExpression = "'spec.provider is ' + self.provider + ', so spec.' + self.provider + ' must be set'",
    reason = "FieldValueRequired")
@ValidationRule(value = "self.provider == oldSelf.provider", message = "spec.provider is immutable",
    fieldPath = ".provider")
public record ProviderIdentitySpec(
    @Required
    @JsonPropertyDescription("Cloud of the identity: aws, azure or sim. A Cluster may use it only when its own "
        + "spec.provider is the same. Immutable.")
    CloudProvider provider,

    @JsonPropertyDescription("AWS: an IAM role the controllers assume (STS AssumeRole) from their own credentials; "
        + "required when spec.provider is aws, forbidden otherwise.")
    AwsIdentity aws,

    @JsonPropertyDescription("Azure: an app registration (or user-assigned managed identity) whose federated "
        + "credential trusts the controllers' service-account token; required when spec.provider is azure, "
        + "forbidden otherwise.")
    AzureIdentity azure,

    @JsonPropertyDescription("Simulated cloud: the account the simulated calls are recorded under; required when "
        + "spec.provider is sim, forbidden otherwise.")
    SimIdentity sim,

    @JsonPropertyDescription("Namespaces whose Clusters may use this identity. Absent: none. Empty ({}): all. "
        + "Otherwise a namespace is allowed when it is in list or its labels match selector (as the "
        + "allowedNamespaces of Cluster API's AWS and Azure providers).")
    AllowedNamespaces allowedNamespaces) {
}
