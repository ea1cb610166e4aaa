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

/** Desired state of a user-facing node pool. */
@ValidationRule(value = "has(self.replicas) != has(self.autoscaling)",
    message = "exactly one of spec.replicas and spec.autoscaling must be set")
@ValidationRule(value = "self.clusterName == oldSelf.clusterName", message = "spec.clusterName is immutable",
    fieldPath = ".clusterName")
@ValidationRule(value = KubernetesVersion.NO_DOWNGRADE, messageExpression = KubernetesVersion.NO_DOWNGRADE_MESSAGE,
    fieldPath = KubernetesVersion.FIELD)
@ValidationRule(value = KubernetesVersion.ONE_MINOR_AT_A_TIME,
    messageExpression = KubernetesVersion.ONE_MINOR_AT_A_TIME_MESSAGE, fieldPath = KubernetesVersion.FIELD)
@ValidationRule(value = NodepoolSpec.LABEL_KEYS, message = NodepoolSpec.LABEL_KEYS_MESSAGE, fieldPath = ".nodeLabels")
@ValidationRule(value = NodepoolSpec.LABEL_VALUES, message = NodepoolSpec.LABEL_VALUES_MESSAGE,
    fieldPath = ".nodeLabels")
@ValidationRule(value = NodepoolSpec.UNIQUE_TAINTS, message = NodepoolSpec.UNIQUE_TAINTS_MESSAGE,
    fieldPath = ".taints")
public record NodepoolSpec(
    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the Cluster, in the same namespace, this pool belongs to. Immutable.")
    String clusterName,

    @Size(max = 16)
    @Pattern(KubernetesVersion.PATTERN)
    @JsonPropertyDescription("Kubernetes version of the pool's nodes, 1.MINOR or 1.MINOR.PATCH. Omitted: the "
        + "Cluster's version. A change replaces the pool.")
    String version,

    @Min(0)
    @Max(1000)
    @SpecReplicas
    @JsonPropertyDescription("Number of nodes. Exactly one of replicas and autoscaling is set. Applied in place.")
    Integer replicas,

    @JsonPropertyDescription("Cloud autoscaler bounds; the node count then belongs to the autoscaler. Exactly one "
        + "of replicas and autoscaling is set. Applied in place.")
    Autoscaling autoscaling,

    @Required
    @JsonPropertyDescription("Properties of the pool's machines that a cloud cannot change in place: changing any "
        + "of them replaces the pool (new pool, cordon and drain the old nodes, delete the old pool).")
    MachineTemplate template,

    @Size(max = 64)
    @JsonPropertyDescription("Kubernetes labels put on every node of the pool. Applied in place.")
    Map<String, @Size(max = 63) String> nodeLabels,

    @Size(max = 32)
    @JsonPropertyDescription("Taints put on every node of the pool. Applied in place.")
    List<Taint> taints,

    @Default("User")
    @JsonPropertyDescription("System or User (AKS agent-pool mode). Applied in place.")
    NodepoolMode mode,

    @Default("{}")
    @JsonPropertyDescription("How a replacement moves the workload off the old nodes.")
    RolloutPolicy rollout) {

  /** A Kubernetes qualified name: optional DNS-subdomain prefix and a name part. */
  static final String QUALIFIED_NAME =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

  /** CEL: every nodeLabels key is a qualified name (Nodepool and MachinePool). */
  static final String LABEL_KEYS = "!has(self.nodeLabels) || self.nodeLabels.all(k, k.size() <= 316 && "
      + "k.matches('" + QUALIFIED_NAME + "'))";
  static final String LABEL_KEYS_MESSAGE = "nodeLabels keys must be qualified names such as team or example.com/team";

  /** CEL: every nodeLabels value is a label value, as the Node's API will require. */
  static final String LABEL_VALUES = "!has(self.nodeLabels) || self.nodeLabels.all(k, self.nodeLabels[k].size() <= 63 "
      + "&& self.nodeLabels[k].matches('^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$'))";
  static final String LABEL_VALUES_MESSAGE = "nodeLabels values must be at most 63 alphanumerics, '-', '_' or '.', "
      + "starting and ending with an alphanumeric";

  /** CEL: at most one taint per key and effect, as the Node's API will require. */
  static final String UNIQUE_TAINTS = "!has(self.taints) || self.taints.all(t, self.taints.exists_one(u, "
      + "u.key == t.key && u.effect == t.effect))";
  static final String UNIQUE_TAINTS_MESSAGE = "taints must not repeat a key with the same effect";
}
