package dev.slipway.provider.aws;

import dev.slipway.api.ProviderId;
import dev.slipway.api.v1alpha1.AwsClusterSpec;
import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.NodePoolService;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Issue;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.UpdateNodegroupConfigRequest;

/**
 * EKS managed node groups as Slipway node pools. Field classification and tags: {@code providers/aws/README.md}.
 * Machines: EC2 instances tagged {@code eks:nodegroup-name}/{@code eks:cluster-name} (EKS tags the instances of its
 * Auto Scaling group so), pending or running, as {@code aws:///<az>/<instance-id>}.
 */
final class EksNodeGroups implements NodePoolService {

  private static final Logger LOG = LoggerFactory.getLogger(EksNodeGroups.class);

  /** Node groups take a few minutes to create, scale or delete: poll every 15 s. */
  static final Duration POLL = Duration.ofSeconds(15);

  private final AwsClients clients;

  EksNodeGroups(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public NodePoolState observe(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    Nodegroup group = describe(cluster, cloudPoolName);
    if (group == null) {
      return NodePoolState.absent();
    }
    Map<String, String> tags = group.hasTags() ? group.tags() : Map.of();
    NodegroupScalingConfig scaling = group.scalingConfig();
    Autoscaling autoscaling = "true".equals(tags.get(NodeGroupTags.AUTOSCALED)) && scaling != null
        ? new Autoscaling(scaling.minSize(), scaling.maxSize()) : null;
    MachineTemplate template = NodeGroupFields.observedTemplate(
        group.hasInstanceTypes() && !group.instanceTypes().isEmpty() ? group.instanceTypes().get(0) : null,
        group.amiTypeAsString(), group.capacityTypeAsString(), group.diskSize(), tags);
    List<ProviderId> machines = group.status() == NodegroupStatus.DELETING ? List.of()
        : machines(cluster, cloudPoolName);
    return new NodePoolState(phase(group.status()), group.statusAsString(), group.nodegroupArn(),
        EksVersions.reported(group.version(), tags.get(NodeGroupTags.VERSION)), template,
        scaling == null ? null : scaling.desiredSize(), autoscaling,
        group.hasLabels() ? Map.copyOf(group.labels()) : Map.of(), taints(group), mode(tags), machines,
        message(group));
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster, NodePoolSpec desired) throws CloudException {
    Nodegroup group = describe(cluster, desired.cloudPoolName());
    if (group == null) {
      return create(cluster, desired);
    }
    String name = desired.cloudPoolName();
    NodegroupStatus status = group.status() == null ? NodegroupStatus.UNKNOWN_TO_SDK_VERSION : group.status();
    switch (status) {
      case CREATING:
        return OperationStatus.inProgress(POLL, "NodegroupCreating", "node group " + name + " is CREATING");
      case UPDATING:
        return OperationStatus.inProgress(POLL, "NodegroupUpdating", "node group " + name + " is UPDATING");
      case DELETING:
        return OperationStatus.retryLater(POLL, "NodegroupDeleting", "node group " + name
            + " is being deleted; it is created again once it is gone");
      case CREATE_FAILED:
        // EKS cannot retry a failed create in place: the failed group is deleted and created again on a later pass
        // (the MachinePool's condition shows the failure meanwhile). Each attempt takes a create and a delete, so a
        // create that keeps failing is retried at the cloud's pace, not in a hot loop.
        delete(cluster, name);
        return OperationStatus.inProgress(POLL, "NodegroupCreateFailed", "node group " + name
            + " failed to create" + (message(group) == null ? "" : " (" + message(group) + ")")
            + "; deleting it to create it again");
      case DELETE_FAILED:
        throw CloudException.permanent("NodegroupDeleteFailed", "node group " + name + " is "
            + group.statusAsString() + (message(group) == null ? "" : ": " + message(group)), null);
      case ACTIVE:
      case DEGRADED:
      default:
        return applyInPlace(cluster, desired, group);
    }
  }

  @Override
  public OperationStatus delete(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    Nodegroup group = describe(cluster, cloudPoolName);
    if (group == null) {
      return OperationStatus.done();
    }
    if (group.status() == NodegroupStatus.DELETING) {
      return OperationStatus.inProgress(POLL, "NodegroupDeleting", "node group " + cloudPoolName + " is DELETING");
    }
    String clusterName = EksNames.clusterName(cluster);
    try {
      eks(cluster).deleteNodegroup(r -> r.clusterName(clusterName).nodegroupName(cloudPoolName));
      LOG.info("Deleting node group {} of EKS cluster {} (Cluster {})", cloudPoolName, clusterName, cluster.key());
      return OperationStatus.inProgress(POLL, "NodegroupDeleting", "deleting node group " + cloudPoolName);
    } catch (ResourceNotFoundException e) {
      return OperationStatus.done();
    } catch (ResourceInUseException e) {
      return OperationStatus.retryLater(POLL, "ClusterBusy", "node group " + cloudPoolName
          + " cannot be deleted now: " + e.awsErrorDetails().errorMessage());
    } catch (SdkException e) {
      throw AwsErrors.map("delete node group " + cloudPoolName + " of EKS cluster " + clusterName, e);
    }
  }

  @Override
  public List<String> list(ClusterTarget cluster) throws CloudException {
    String clusterName = EksNames.clusterName(cluster);
    try {
      List<String> names = new ArrayList<>();
      eks(cluster).listNodegroupsPaginator(r -> r.clusterName(clusterName)).nodegroups().forEach(names::add);
      return names;
    } catch (ResourceNotFoundException e) {
      return List.of();
    } catch (SdkException e) {
      throw AwsErrors.map("list node groups of EKS cluster " + clusterName, e);
    }
  }

  static ProvisioningPhase phase(NodegroupStatus status) {
    if (status == null) {
      return ProvisioningPhase.FAILED;
    }
    switch (status) {
      case CREATING:
        return ProvisioningPhase.CREATING;
      case ACTIVE:
        return ProvisioningPhase.READY;
      case UPDATING:
        return ProvisioningPhase.UPDATING;
      case DELETING:
        return ProvisioningPhase.DELETING;
      case CREATE_FAILED:
      case DELETE_FAILED:
      case DEGRADED:
      default:
        return ProvisioningPhase.FAILED;
    }
  }

  /** Tags of a new node group: Slipway's pool tags, the Cluster's ownership and Slipway's own record fields. */
  static Map<String, String> tags(ClusterTarget cluster, NodePoolSpec desired) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (cluster.spec().aws() != null && cluster.spec().aws().tags() != null) {
      tags.putAll(cluster.spec().aws().tags());
    }
    tags.putAll(desired.tags());
    tags.put(EksNames.CLUSTER_TAG, EksNames.owner(cluster));
    MachineTemplate template = desired.template();
    if (template.zones() != null) {
      tags.put(NodeGroupTags.ZONES, NodeGroupFields.zonesTag(template.zones()));
    }
    if (template.diskType() != null) {
      tags.put(NodeGroupTags.DISK_TYPE, template.diskType());
    }
    if (template.diskSize() != null) {
      tags.put(NodeGroupTags.DISK_SIZE, template.diskSize());
    }
    tags.put(NodeGroupTags.VERSION, desired.version());
    tags.put(NodeGroupTags.AUTOSCALED, Boolean.toString(desired.autoscaling() != null));
    tags.put(NodeGroupTags.MODE, desired.mode().name());
    String unset = NodeGroupFields.unsetFields(template);
    if (!unset.isEmpty()) {
      tags.put(NodeGroupTags.UNSET, unset);
    }
    return tags;
  }

  private OperationStatus create(ClusterTarget cluster, NodePoolSpec desired) throws CloudException {
    AwsClusterSpec aws = cluster.spec().aws();
    if (aws == null) {
      throw CloudException.permanent("InvalidParameter", "Cluster " + cluster.key()
          + " has provider aws but no spec.aws", null);
    }
    MachineTemplate template = desired.template();
    String amiType = NodeGroupFields.amiType(template.osImage(), template.architecture());
    Integer diskSize = NodeGroupFields.diskSizeGib(template.diskSize());
    NodeGroupFields.checkDiskType(template.diskType());
    NodeGroupFields.checkMaxPods(template.maxPods());
    List<String> subnets = subnets(cluster, aws.subnetIds(), template.zones());
    NodeGroupFields.Scaling scaling = NodeGroupFields.scaling(desired.replicas(), desired.autoscaling());
    String clusterName = EksNames.clusterName(cluster);
    String name = desired.cloudPoolName();
    try {
      eks(cluster).createNodegroup(r -> r.clusterName(clusterName)
          .nodegroupName(name)
          .version(EksVersions.eksVersion(desired.version()))
          .scalingConfig(s -> s.minSize(scaling.min()).desiredSize(scaling.desired()).maxSize(scaling.max()))
          .instanceTypes(template.machineType())
          .amiType(amiType)
          .capacityType(NodeGroupFields.capacityType(template.capacityType()))
          .diskSize(diskSize)
          .subnets(subnets)
          .nodeRole(aws.nodeRoleArn())
          .labels(desired.nodeLabels())
          .taints(eksTaints(desired.taints()))
          .updateConfig(u -> u.maxUnavailable(1))
          .tags(tags(cluster, desired)));
      LOG.info("Creating node group {} in EKS cluster {} (Cluster {})", name, clusterName, cluster.key());
      return OperationStatus.inProgress(POLL, "NodegroupCreating", "creating node group " + name);
    } catch (ResourceInUseException e) {
      return OperationStatus.retryLater(POLL, "ClusterBusy", "node group " + name + " cannot be created now: "
          + e.awsErrorDetails().errorMessage());
    } catch (ResourceNotFoundException e) {
      throw CloudException.retryable("ControlPlaneNotFound", "EKS cluster " + clusterName
          + " does not exist (yet): " + e.awsErrorDetails().errorMessage(), e.requestId(), POLL);
    } catch (SdkException e) {
      throw AwsErrors.map("create node group " + name + " in EKS cluster " + clusterName, e);
    }
  }

  private OperationStatus applyInPlace(ClusterTarget cluster, NodePoolSpec desired, Nodegroup group)
      throws CloudException {
    String clusterName = EksNames.clusterName(cluster);
    String name = desired.cloudPoolName();
    Map<String, String> tags = group.hasTags() ? group.tags() : Map.of();
    Map<String, String> tagChanges = new HashMap<>();
    String autoscaled = Boolean.toString(desired.autoscaling() != null);
    if (!autoscaled.equals(tags.get(NodeGroupTags.AUTOSCALED))) {
      tagChanges.put(NodeGroupTags.AUTOSCALED, autoscaled);
    }
    if (!desired.mode().name().equals(tags.get(NodeGroupTags.MODE))) {
      tagChanges.put(NodeGroupTags.MODE, desired.mode().name());
    }
    NodegroupScalingConfig current = group.scalingConfig();
    NodeGroupFields.Scaling scaling = NodeGroupFields.scalingUpdate(desired.replicas(), desired.autoscaling(),
        current == null ? null : new NodeGroupFields.Scaling(current.minSize(), current.desiredSize(),
            current.maxSize()));
    NodeGroupChanges changes = NodeGroupChanges.between(group.hasLabels() ? group.labels() : Map.of(),
        desired.nodeLabels(), taints(group), desired.taints());
    try {
      if (!tagChanges.isEmpty()) {
        // Mode and the autoscaling choice exist only in these tags; EKS applies tags at once.
        eks(cluster).tagResource(r -> r.resourceArn(group.nodegroupArn()).tags(tagChanges));
      }
      if (scaling == null && !changes.labelsChange() && !changes.taintsChange()) {
        return OperationStatus.done();
      }
      UpdateNodegroupConfigRequest.Builder update = UpdateNodegroupConfigRequest.builder()
          .clusterName(clusterName).nodegroupName(name);
      if (scaling != null) {
        update.scalingConfig(s -> s.minSize(scaling.min()).desiredSize(scaling.desired()).maxSize(scaling.max()));
      }
      if (changes.labelsChange()) {
        update.labels(l -> l.addOrUpdateLabels(changes.addOrUpdateLabels()).removeLabels(changes.removeLabels()));
      }
      if (changes.taintsChange()) {
        update.taints(t -> t.addOrUpdateTaints(eksTaints(changes.addOrUpdateTaints()))
            .removeTaints(eksTaints(changes.removeTaints())));
      }
      eks(cluster).updateNodegroupConfig(update.build());
      LOG.info("Updating node group {} of EKS cluster {} (Cluster {}) in place", name, clusterName, cluster.key());
      return OperationStatus.inProgress(POLL, "NodegroupUpdating", "updating node group " + name + " in place");
    } catch (ResourceInUseException e) {
      return OperationStatus.retryLater(POLL, "ClusterBusy", "node group " + name + " cannot be updated now: "
          + e.awsErrorDetails().errorMessage());
    } catch (SdkException e) {
      throw AwsErrors.map("update node group " + name + " of EKS cluster " + clusterName, e);
    }
  }

  /** The cluster's subnets in the template's zones (all when none), looked up with EC2 DescribeSubnets. */
  private List<String> subnets(ClusterTarget cluster, List<String> clusterSubnets, List<String> zones)
      throws CloudException {
    if (zones == null || zones.isEmpty()) {
      return NodeGroupFields.subnetsInZones(clusterSubnets, Map.of(), zones);
    }
    Map<String, String> subnetZones = new HashMap<>();
    try {
      for (Subnet subnet : clients.ec2(cluster.spec().region(), cluster.identity())
          .describeSubnetsPaginator(r -> r.subnetIds(clusterSubnets)).subnets()) {
        subnetZones.put(subnet.subnetId(), subnet.availabilityZone());
      }
    } catch (SdkException e) {
      throw AwsErrors.map("describe subnets " + clusterSubnets + " of Cluster " + cluster.key(), e);
    }
    return NodeGroupFields.subnetsInZones(clusterSubnets, subnetZones, zones);
  }

  private List<ProviderId> machines(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    String clusterName = EksNames.clusterName(cluster);
    List<ProviderId> machines = new ArrayList<>();
    try {
      for (Reservation reservation : clients.ec2(cluster.spec().region(), cluster.identity())
          .describeInstancesPaginator(r -> r.filters(
          Filter.builder().name("tag:eks:nodegroup-name").values(cloudPoolName).build(),
          Filter.builder().name("tag:eks:cluster-name").values(clusterName).build(),
          Filter.builder().name("instance-state-name").values("pending", "running").build())).reservations()) {
        for (Instance instance : reservation.instances()) {
          String zone = instance.placement() == null ? "" : instance.placement().availabilityZone();
          machines.add(ProviderId.parse("aws:///" + zone + "/" + instance.instanceId()));
        }
      }
    } catch (SdkException e) {
      throw AwsErrors.map("describe instances of node group " + cloudPoolName, e);
    }
    machines.sort(Comparator.comparing(ProviderId::value));
    return List.copyOf(machines);
  }

  private Nodegroup describe(ClusterTarget cluster, String cloudPoolName) throws CloudException {
    String clusterName = EksNames.clusterName(cluster);
    try {
      return eks(cluster).describeNodegroup(r -> r.clusterName(clusterName).nodegroupName(cloudPoolName))
          .nodegroup();
    } catch (ResourceNotFoundException e) {
      return null;
    } catch (SdkException e) {
      throw AwsErrors.map("describe node group " + cloudPoolName + " of EKS cluster " + clusterName, e);
    }
  }

  private static List<Taint> taints(Nodegroup group) {
    if (!group.hasTaints()) {
      return List.of();
    }
    return group.taints().stream()
        .map(t -> new Taint(t.key(), t.value() == null || t.value().isEmpty() ? null : t.value(),
            NodeGroupFields.effect(t.effectAsString())))
        .collect(Collectors.toList());
  }

  private static List<software.amazon.awssdk.services.eks.model.Taint> eksTaints(List<Taint> taints) {
    return taints.stream().map(t -> software.amazon.awssdk.services.eks.model.Taint.builder()
        .key(t.key()).value(t.value()).effect(NodeGroupFields.effect(t.effect())).build())
        .collect(Collectors.toList());
  }

  private static NodepoolMode mode(Map<String, String> tags) {
    return NodepoolMode.System.name().equals(tags.get(NodeGroupTags.MODE)) ? NodepoolMode.System : NodepoolMode.User;
  }

  private static String message(Nodegroup group) {
    if (group.health() == null || !group.health().hasIssues() || group.health().issues().isEmpty()) {
      return null;
    }
    return group.health().issues().stream().map(EksNodeGroups::describeIssue).collect(Collectors.joining("; "));
  }

  private static String describeIssue(Issue issue) {
    return issue.codeAsString() + ": " + issue.message();
  }

  private EksClient eks(ClusterTarget cluster) {
    return clients.eks(cluster.spec().region(), cluster.identity());
  }
}
