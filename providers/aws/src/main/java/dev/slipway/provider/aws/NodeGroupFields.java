package dev.slipway.provider.aws;

import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.MachineTemplate.Architecture;
import dev.slipway.api.v1alpha1.MachineTemplate.CapacityType;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.DiskSizes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure translation between Slipway's pool fields and an EKS managed node group's. Every refusal is a permanent
 * {@link CloudException} {@code InvalidParameter} naming the MachinePool field: only a spec change can fix it.
 */
final class NodeGroupFields {

  /** EKS's volume type for a node group without a launch template (Slipway creates none). */
  static final String DEFAULT_DISK_TYPE = "gp2";


  private NodeGroupFields() {
  }

  /** Scaling of a node group: min, desired and max size. */
  record Scaling(int min, int desired, int max) {
  }

  /** An OS image and architecture, as an EKS AMI type denotes them. */
  record Image(OsImage osImage, Architecture architecture) {
  }

  /** The EKS AMI type for an OS image and architecture (null architecture: amd64). */
  static String amiType(OsImage osImage, Architecture architecture) throws CloudException {
    boolean arm = architecture == Architecture.ARM64;
    if (osImage == null) {
      throw invalid("template.osImage is required");
    }
    switch (osImage) {
      case Bottlerocket:
        return arm ? "BOTTLEROCKET_ARM_64" : "BOTTLEROCKET_x86_64";
      case AL2023:
        return arm ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
      case AL2:
        return arm ? "AL2_ARM_64" : "AL2_x86_64";
      default:
        throw invalid("template.osImage " + osImage + " is not available on EKS (use Bottlerocket, AL2023 or AL2)");
    }
  }

  /** The OS image and architecture of an AMI type; null for AMI types Slipway does not create (GPU, FIPS, ...). */
  static Image image(String amiType) {
    if (amiType == null) {
      return null;
    }
    switch (amiType) {
      case "BOTTLEROCKET_x86_64":
        return new Image(OsImage.Bottlerocket, Architecture.AMD64);
      case "BOTTLEROCKET_ARM_64":
        return new Image(OsImage.Bottlerocket, Architecture.ARM64);
      case "AL2023_x86_64_STANDARD":
        return new Image(OsImage.AL2023, Architecture.AMD64);
      case "AL2023_ARM_64_STANDARD":
        return new Image(OsImage.AL2023, Architecture.ARM64);
      case "AL2_x86_64":
        return new Image(OsImage.AL2, Architecture.AMD64);
      case "AL2_ARM_64":
        return new Image(OsImage.AL2, Architecture.ARM64);
      default:
        return null;
    }
  }

  /**
   * Scaling for a fixed count N: min = desired = N, max = max(N, 1) (EKS requires max >= 1). With autoscaling: the
   * bounds, and desired = min at creation.
   */
  static Scaling scaling(Integer replicas, Autoscaling autoscaling) {
    if (autoscaling != null) {
      return new Scaling(autoscaling.minReplicas(), autoscaling.minReplicas(), autoscaling.maxReplicas());
    }
    int n = replicas;
    return new Scaling(n, n, Math.max(n, 1));
  }

  /**
   * Scaling to apply to an existing group, or null when it already matches. With autoscaling only the bounds are
   * compared; the desired size (the autoscaler's choice) is left alone unless the new bounds exclude it, in which
   * case it is clamped into them (EKS refuses min <= desired <= max violations).
   */
  static Scaling scalingUpdate(Integer replicas, Autoscaling autoscaling, Scaling current) {
    if (autoscaling == null) {
      Scaling wanted = scaling(replicas, null);
      return wanted.equals(current) ? null : wanted;
    }
    if (current != null && current.min() == autoscaling.minReplicas() && current.max() == autoscaling.maxReplicas()) {
      return null;
    }
    int desired = current == null ? autoscaling.minReplicas()
        : Math.max(autoscaling.minReplicas(), Math.min(autoscaling.maxReplicas(), current.desired()));
    return new Scaling(autoscaling.minReplicas(), desired, autoscaling.maxReplicas());
  }

  /** EKS's taint effect for a Kubernetes one. */
  static String effect(Taint.Effect effect) {
    switch (effect) {
      case NoSchedule:
        return "NO_SCHEDULE";
      case NoExecute:
        return "NO_EXECUTE";
      case PreferNoSchedule:
      default:
        return "PREFER_NO_SCHEDULE";
    }
  }

  /** The Kubernetes taint effect for EKS's, or null for one this SDK does not know. */
  static Taint.Effect effect(String eksEffect) {
    if (eksEffect == null) {
      return null;
    }
    switch (eksEffect) {
      case "NO_SCHEDULE":
        return Taint.Effect.NoSchedule;
      case "NO_EXECUTE":
        return Taint.Effect.NoExecute;
      case "PREFER_NO_SCHEDULE":
        return Taint.Effect.PreferNoSchedule;
      default:
        return null;
    }
  }

  /** EKS's capacity type. */
  static String capacityType(CapacityType capacityType) {
    return capacityType == CapacityType.Spot ? "SPOT" : "ON_DEMAND";
  }

  static CapacityType capacityType(String eks) {
    if ("SPOT".equals(eks)) {
      return CapacityType.Spot;
    }
    return "ON_DEMAND".equals(eks) ? CapacityType.OnDemand : null;
  }

  /**
   * Whole GiB of a Kubernetes quantity ({@code 80Gi} -> 80, {@code 1Ti} -> 1024, {@code 85899345920} -> 80); null
   * for null. EKS takes whole GiB only, so a size that is not a whole number of GiB ({@code 100G} = 93.1 GiB) is
   * refused rather than rounded.
   */
  static Integer diskSizeGib(String quantity) throws CloudException {
    return DiskSizes.gib(quantity, "EKS");
  }

  /**
   * The disk type to create with: EKS without a launch template gives {@value #DEFAULT_DISK_TYPE} volumes, so only
   * that (or nothing) is accepted; anything else needs a launch template, which this provider does not create.
   */
  static void checkDiskType(String diskType) throws CloudException {
    if (diskType != null && !DEFAULT_DISK_TYPE.equals(diskType)) {
      throw invalid("template.diskType " + diskType + " is not supported on EKS managed node groups by Slipway: "
          + "without a launch template EKS creates " + DEFAULT_DISK_TYPE + " volumes; omit diskType or set "
          + DEFAULT_DISK_TYPE);
    }
  }

  static void checkMaxPods(Integer maxPods) throws CloudException {
    if (maxPods != null) {
      throw invalid("template.maxPods is not supported on EKS managed node groups by Slipway: it needs a launch "
          + "template with bootstrap settings; omit maxPods (EKS derives it from the instance type)");
    }
  }

  /**
   * The cluster's subnets (in their order) that lie in one of {@code zones}; all of them when zones are empty.
   *
   * @param subnetZones availability zone of each cluster subnet, as EC2 reports it
   */
  static List<String> subnetsInZones(List<String> clusterSubnets, Map<String, String> subnetZones,
      Collection<String> zones) throws CloudException {
    if (zones == null || zones.isEmpty()) {
      return List.copyOf(clusterSubnets);
    }
    List<String> chosen = new ArrayList<>();
    Set<String> covered = new LinkedHashSet<>();
    for (String subnet : clusterSubnets) {
      String zone = subnetZones.get(subnet);
      if (zone != null && zones.contains(zone)) {
        chosen.add(subnet);
        covered.add(zone);
      }
    }
    if (chosen.isEmpty()) {
      throw invalid("template.zones " + zones + " match none of the cluster's subnets " + clusterSubnets
          + " (zones " + new LinkedHashSet<>(subnetZones.values()) + ")");
    }
    return chosen;
  }

  /** Zones from the space-separated tag value; null when there was no tag. */
  static List<String> zones(String tagValue) {
    if (tagValue == null) {
      return null;
    }
    return tagValue.isBlank() ? List.of() : Arrays.asList(tagValue.trim().split(" +"));
  }

  static String zonesTag(List<String> zones) {
    return String.join(" ", zones);
  }

  /**
   * The template as the cloud has it: machine type, OS image, architecture, capacity type and disk size from the
   * node group; the disk size in Slipway's spelling when it is the same size; zones and disk type from the tags
   * Slipway wrote at creation (EKS reports neither); fields the spec left unset (tag {@code slipway.dev/unset}) as
   * null when the cloud holds their default. maxPods is always null (refused at creation).
   */
  static MachineTemplate observedTemplate(String instanceType, String amiType, String capacityType,
      Integer diskSize, Map<String, String> tags) {
    Image image = image(amiType);
    Set<String> unset = new LinkedHashSet<>(Arrays.asList(tags.getOrDefault(NodeGroupTags.UNSET, "").split(" ")));
    Architecture architecture = image == null ? null : image.architecture();
    if (unset.contains("architecture") && architecture == Architecture.AMD64) {
      architecture = null;
    }
    CapacityType capacity = capacityType(capacityType);
    if (unset.contains("capacityType") && capacity == CapacityType.OnDemand) {
      capacity = null;
    }
    String disk = diskSize == null || unset.contains("diskSize") ? null : DiskSizes.spelling(diskSize,
        tags.get(NodeGroupTags.DISK_SIZE));
    return new MachineTemplate(instanceType, image == null ? null : image.osImage(), architecture, disk,
        tags.get(NodeGroupTags.DISK_TYPE), null, capacity, zones(tags.get(NodeGroupTags.ZONES)));
  }

  /** Template fields the spec left unset that EKS fills with its defaults, for the {@code slipway.dev/unset} tag. */
  static String unsetFields(MachineTemplate template) {
    List<String> unset = new ArrayList<>();
    if (template.architecture() == null) {
      unset.add("architecture");
    }
    if (template.capacityType() == null) {
      unset.add("capacityType");
    }
    if (template.diskSize() == null) {
      unset.add("diskSize");
    }
    return String.join(" ", unset);
  }

  static CloudException invalid(String message) {
    return CloudException.permanent("InvalidParameter", message, null);
  }
}
