package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

/**
 * Desired state of exactly one cloud node pool. Written by the Nodepool controller; everything that identifies the
 * pool (provider, cluster, cloud name, version, template) is immutable, so a change becomes a new MachinePool.
 */
@ValidationRule(value = "has(self.replicas) != has(self.autoscaling)",
    message = "exactly one of spec.replicas and spec.autoscaling must be set")
@ValidationRule(value = "self.template == oldSelf.template",
    message = "spec.template is immutable: a change a cloud cannot apply in place is rolled out by the Nodepool as "
        + "a new MachinePool", fieldPath = ".template")
@ValidationRule(value = "self.version == oldSelf.version", message = "spec.version is immutable",
    fieldPath = ".version")
@ValidationRule(value = "self.provider == oldSelf.provider", message = "spec.provider is immutable",
    fieldPath = ".provider")
@ValidationRule(value = "self.clusterName == oldSelf.clusterName", message = "spec.clusterName is immutable",
    fieldPath = ".clusterName")
@ValidationRule(value = "self.cloudPoolName == oldSelf.cloudPoolName", message = "spec.cloudPoolName is immutable",
    fieldPath = ".cloudPoolName")
@ValidationRule(value = "self.provider != 'aws' || self.template.osImage in ['Bottlerocket', 'AL2023', 'AL2']",
    messageExpression = "'osImage ' + self.template.osImage + ' is not available on aws (Bottlerocket, AL2023, AL2)'",
    fieldPath = ".template.osImage")
@ValidationRule(value = "self.provider != 'azure' || self.template.osImage in ['AzureLinux', 'Ubuntu']",
    messageExpression = "'osImage ' + self.template.osImage + ' is not available on azure (AzureLinux, Ubuntu)'",
    fieldPath = ".template.osImage")
@ValidationRule(value = "self.provider != 'azure' || self.cloudPoolName.matches('^[a-z][a-z0-9]{0,11}$')",
    message = "an AKS agent pool name is 1-12 lowercase letters and digits starting with a letter",
    fieldPath = ".cloudPoolName")
@ValidationRule(value = "self.provider == 'azure' "
    + "|| self.cloudPoolName.matches('^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$')",
    message = "an EKS (or sim) node group name is 1-63 letters, digits, '-' and '_' starting and ending with a letter "
        + "or digit: it becomes a node label value",
    fieldPath = ".cloudPoolName")
@ValidationRule(value = NodepoolSpec.LABEL_KEYS, message = NodepoolSpec.LABEL_KEYS_MESSAGE, fieldPath = ".nodeLabels")
@ValidationRule(value = NodepoolSpec.LABEL_VALUES, message = NodepoolSpec.LABEL_VALUES_MESSAGE,
    fieldPath = ".nodeLabels")
@ValidationRule(value = NodepoolSpec.UNIQUE_TAINTS, message = NodepoolSpec.UNIQUE_TAINTS_MESSAGE,
    fieldPath = ".taints")
public record MachinePoolSpec(
    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the Cluster, in the same namespace, the pool belongs to. Immutable.")
    String clusterName,

    @Required
    @JsonPropertyDescription("Provider of the Cluster, copied so the API server can check provider rules. "
        + "Immutable.")
    CloudProvider provider,

    @Required
    @Size(min = 1, max = 63)
    @JsonPropertyDescription("Name of the pool in the cloud (EKS node group, AKS agent pool), derived "
        + "deterministically from the Nodepool and its template hash. Immutable.")
    String cloudPoolName,

    @Required
    @Size(max = 16)
    @Pattern(KubernetesVersion.PATTERN)
    @JsonPropertyDescription("Kubernetes version of the pool's nodes. Immutable.")
    String version,

    @Required
    @JsonPropertyDescription("Machine properties of the pool. Immutable.")
    MachineTemplate template,

    @Min(0)
    @Max(1000)
    @SpecReplicas
    @JsonPropertyDescription("Number of nodes; exactly one of replicas and autoscaling is set.")
    Integer replicas,

    @JsonPropertyDescription("Cloud autoscaler bounds; exactly one of replicas and autoscaling is set.")
    Autoscaling autoscaling,

    @Size(max = 64)
    @JsonPropertyDescription("Kubernetes labels put on every node of the pool.")
    Map<String, @Size(max = 63) String> nodeLabels,

    @Size(max = 32)
    @JsonPropertyDescription("Taints put on every node of the pool.")
    List<Taint> taints,

    @Default("User")
    @JsonPropertyDescription("System or User (AKS agent-pool mode).")
    NodepoolMode mode,

    @JsonPropertyDescription("The Nodepool this pool serves (also in the slipway.dev/nodepool label). Not an "
        + "ownerReference: the Nodepool decides when its pools are deleted.")
    ObjectRef nodepoolRef) {
}
