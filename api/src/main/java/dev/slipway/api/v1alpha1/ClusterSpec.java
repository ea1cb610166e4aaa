package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired state of one managed workload cluster. */
@ValidationRule(
    value = "(has(self.aws) ? 1 : 0) + (has(self.azure) ? 1 : 0) + (has(self.sim) ? 1 : 0) == 1",
    message = "exactly one of spec.aws, spec.azure and spec.sim must be set")
@ValidationRule(
    value = "self.provider == 'aws' ? has(self.aws) : (self.provider == 'azure' ? has(self.azure) : has(self.sim))",
    messageExpression = "'spec.provider is ' + self.provider + ', so spec.' + self.provider + ' must be set'",
    reason = "FieldValueRequired")
@ValidationRule(value = "self.provider == oldSelf.provider", message = "spec.provider is immutable",
    fieldPath = ".provider")
@ValidationRule(value = "self.region == oldSelf.region", message = "spec.region is immutable", fieldPath = ".region")
@ValidationRule(value = KubernetesVersion.NO_DOWNGRADE, messageExpression = KubernetesVersion.NO_DOWNGRADE_MESSAGE,
    fieldPath = KubernetesVersion.FIELD)
@ValidationRule(value = KubernetesVersion.ONE_MINOR_AT_A_TIME,
    messageExpression = KubernetesVersion.ONE_MINOR_AT_A_TIME_MESSAGE, fieldPath = KubernetesVersion.FIELD)
public record ClusterSpec(
    @Required
    @JsonPropertyDescription("Cloud the cluster lives in: aws (EKS), azure (AKS) or sim (the embedded simulated "
        + "cloud). Immutable.")
    CloudProvider provider,

    @Required
    @Size(min = 1, max = 64)
    @Pattern("^[a-z][a-z0-9-]*[a-z0-9]$")
    @JsonPropertyDescription("Cloud region, e.g. eu-west-1 or westeurope. Immutable.")
    String region,

    @Required
    @Size(max = 16)
    @Pattern(KubernetesVersion.PATTERN)
    @JsonPropertyDescription("Kubernetes version of the control plane, 1.MINOR or 1.MINOR.PATCH. Upgrades go one "
        + "minor version at a time; downgrades are refused. Nodepools without their own version follow it.")
    String version,

    @Default("false")
    @JsonPropertyDescription("When true, Slipway stops acting on this cluster and its nodepools (status is still "
        + "reported). Use it to hand a cluster to a human for a while.")
    Boolean paused,

    @JsonPropertyDescription("EKS settings; required when spec.provider is aws, forbidden otherwise.")
    AwsClusterSpec aws,

    @JsonPropertyDescription("AKS settings; required when spec.provider is azure, forbidden otherwise.")
    AzureClusterSpec azure,

    @JsonPropertyDescription("Simulated-cloud settings; required when spec.provider is sim, forbidden otherwise.")
    SimClusterSpec sim,

    @JsonPropertyDescription("ProviderIdentity (cluster-scoped) the controllers act as for this cluster. Absent: "
        + "the controllers' own identity (IRSA, Azure workload identity). The identity's provider must be "
        + "spec.provider and it must allow this Cluster's namespace; otherwise Slipway makes no cloud call and "
        + "reports Ready False (IdentityNotFound, IdentityNotAllowed, IdentityProviderMismatch).")
    IdentityRef identityRef) {

  /** A Cluster that uses the controllers' own identity. */
  public ClusterSpec(CloudProvider provider, String region, String version, Boolean paused, AwsClusterSpec aws,
      AzureClusterSpec azure, SimClusterSpec sim) {
    this(provider, region, version, paused, aws, azure, sim, null);
  }

  /** This spec with {@code identityRef} replaced. */
  public ClusterSpec withIdentityRef(IdentityRef ref) {
    return new ClusterSpec(provider, region, version, paused, aws, azure, sim, ref);
  }
}
