package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.gson.annotations.SerializedName;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * The cluster-autoscaler profile of a managed cluster: every setting AKS exposes
 * ({@code ManagedClusterPropertiesAutoScalerProfile}). Omitted settings keep the cloud's defaults.
 */
public record AutoscalerProfile(
    @JsonPropertyDescription("Balance node counts between similar node groups.")
    Boolean balanceSimilarNodeGroups,

    @JsonPropertyDescription("Evict DaemonSet pods from empty nodes before deleting them.")
    Boolean daemonsetEvictionForEmptyNodes,

    @JsonPropertyDescription("Evict DaemonSet pods from occupied nodes before deleting them.")
    Boolean daemonsetEvictionForOccupiedNodes,

    @JsonPropertyDescription("Which node group to grow: least-waste, most-pods, priority or random.")
    Expander expander,

    @JsonPropertyDescription("Ignore DaemonSet pods when computing a node's utilisation for scale-down.")
    Boolean ignoreDaemonsetsUtilization,

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Most empty nodes deleted at once.")
    Integer maxEmptyBulkDelete,

    @Min(0)
    @Max(86400)
    @JsonPropertyDescription("Seconds the autoscaler waits for a pod to terminate when scaling a node down.")
    Integer maxGracefulTerminationSec,

    @Pattern(AutoscalerProfile.MINUTES)
    @JsonPropertyDescription("How long the autoscaler waits for a node to be provisioned, in minutes, e.g. 15m.")
    String maxNodeProvisionTime,

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Most unready nodes, as a percentage of all nodes, before the autoscaler stops.")
    Integer maxTotalUnreadyPercentage,

    @Pattern(AutoscalerProfile.SECONDS_OR_MINUTES)
    @JsonPropertyDescription("Ignore unschedulable pods younger than this before scaling up, e.g. 0s or 1m.")
    String newPodScaleUpDelay,

    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("Unready nodes tolerated regardless of maxTotalUnreadyPercentage.")
    Integer okTotalUnreadyCount,

    @Pattern("^[0-9]+s$")
    @JsonPropertyDescription("How often the cluster is re-evaluated for scaling, in seconds, e.g. 10s.")
    String scanInterval,

    @Pattern(AutoscalerProfile.MINUTES)
    @JsonPropertyDescription("How long after a scale-up scale-down evaluation resumes, e.g. 10m.")
    String scaleDownDelayAfterAdd,

    @Pattern(AutoscalerProfile.SECONDS_OR_MINUTES)
    @JsonPropertyDescription("How long after a node deletion scale-down evaluation resumes, e.g. 10s.")
    String scaleDownDelayAfterDelete,

    @Pattern(AutoscalerProfile.MINUTES)
    @JsonPropertyDescription("How long after a scale-down failure scale-down evaluation resumes, e.g. 3m.")
    String scaleDownDelayAfterFailure,

    @Pattern(AutoscalerProfile.MINUTES)
    @JsonPropertyDescription("How long a node must be unneeded before it may be scaled down, e.g. 10m.")
    String scaleDownUnneededTime,

    @Pattern(AutoscalerProfile.MINUTES)
    @JsonPropertyDescription("How long an unready node must be unneeded before it may be scaled down, e.g. 20m.")
    String scaleDownUnreadyTime,

    @Pattern("^(0(\\.[0-9]+)?|1(\\.0+)?)$")
    @JsonPropertyDescription("Node utilisation (requests over capacity, 0 to 1) below which a node may be scaled "
        + "down, e.g. 0.5.")
    String scaleDownUtilizationThreshold,

    @JsonPropertyDescription("Never delete nodes with pods using local storage (emptyDir, hostPath).")
    Boolean skipNodesWithLocalStorage,

    @JsonPropertyDescription("Never delete nodes with kube-system pods other than DaemonSet pods.")
    Boolean skipNodesWithSystemPods) {

  static final String MINUTES = "^[0-9]+m$";
  static final String SECONDS_OR_MINUTES = "^[0-9]+(s|m)$";

  /** Strategies for choosing the node group to grow. */
  public enum Expander {
    @JsonProperty("least-waste") @SerializedName("least-waste") LEAST_WASTE,
    @JsonProperty("most-pods") @SerializedName("most-pods") MOST_PODS,
    @JsonProperty("priority") @SerializedName("priority") PRIORITY,
    @JsonProperty("random") @SerializedName("random") RANDOM
  }
}
