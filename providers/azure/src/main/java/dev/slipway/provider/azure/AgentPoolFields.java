package dev.slipway.provider.azure;

import com.azure.core.management.exception.ManagementError;
import com.azure.core.util.BinaryData;
import com.azure.core.util.serializer.TypeReference;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.OSDiskType;
import com.azure.resourcemanager.containerservice.models.OSSku;
import com.azure.resourcemanager.containerservice.models.OSType;
import com.azure.resourcemanager.containerservice.models.ScaleSetEvictionPolicy;
import com.azure.resourcemanager.containerservice.models.ScaleSetPriority;
import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.MachineTemplate.Architecture;
import dev.slipway.api.v1alpha1.MachineTemplate.CapacityType;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.DiskSizes;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.ProvisioningPhase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pure translation between Slipway's pool fields and an AKS agent pool's. Every refusal is a permanent
 * {@link CloudException} {@code InvalidParameter} naming the MachinePool field: only a spec change can fix it.
 *
 * <p>What AKS does not report (the architecture, the spelling of the disk size, which template fields the spec left
 * to AKS's defaults) is recorded in agent-pool tags at creation ({@link #ARCHITECTURE_TAG}, {@link #DISK_SIZE_TAG},
 * {@link #UNSET_TAG}) so that an unchanged pool reads back exactly as it was asked for and only a real change shows
 * up as drift.
 */
final class AgentPoolFields {

  static final String ARCHITECTURE_TAG = "slipway-architecture";
  static final String DISK_SIZE_TAG = "slipway-disk-size";
  static final String UNSET_TAG = "slipway-unset";

  /** The taint AKS puts on every Spot pool itself; not Slipway's to compare or remove. */
  static final String SPOT_TAINT = "kubernetes.azure.com/scalesetpriority=spot:NoSchedule";
  /** The label AKS puts on every Spot pool's nodes itself. */
  static final String SPOT_LABEL = "kubernetes.azure.com/scalesetpriority";

  private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled");

  private AgentPoolFields() {
  }

  /** A new agent pool for {@code desired}: every field, the ownership tags and the read-back tags. */
  static AgentPoolInner create(NodePoolSpec desired) throws CloudException {
    MachineTemplate template = desired.template();
    AgentPoolInner pool = new AgentPoolInner()
        .withTypePropertiesType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
        .withOsType(OSType.LINUX)
        .withOsSku(osSku(template.osImage()))
        .withVmSize(template.machineType())
        .withOsDiskSizeGB(DiskSizes.gib(template.diskSize(), "AKS"))
        .withOsDiskType(osDiskType(template.diskType()))
        .withMaxPods(template.maxPods())
        .withAvailabilityZones(template.zones() == null || template.zones().isEmpty() ? null : template.zones())
        .withOrchestratorVersion(desired.version())
        .withTags(tags(desired));
    if (template.capacityType() == CapacityType.Spot) {
      // Note: Delete (not Deallocate) so that evicted Spot VMs do not keep counting against quota; -1 pays up to the
      // on-demand price, the usual choice (a max price is not in the Slipway API yet).
      pool.withScaleSetPriority(ScaleSetPriority.SPOT).withScaleSetEvictionPolicy(ScaleSetEvictionPolicy.DELETE)
          .withSpotMaxPrice(-1f);
    } else {
      pool.withScaleSetPriority(ScaleSetPriority.REGULAR);
    }
    return applyInPlace(pool, desired);
  }

  /**
   * The same pool as an agent-pool profile of a new managed cluster: every property {@link #create} sets, under the
   * pool's name. Built from {@link #create}'s JSON so that the two can never disagree.
   */
  static ManagedClusterAgentPoolProfile profile(NodePoolSpec desired) throws CloudException {
    try {
      Map<String, Object> pool = BinaryData.fromString(create(desired).toJsonString())
          .toObject(new TypeReference<Map<String, Object>>() { });
      @SuppressWarnings("unchecked")
      Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) pool.get("properties"));
      properties.put("name", desired.cloudPoolName());
      try (JsonReader reader = JsonProviders.createReader(BinaryData.fromObject(properties).toString())) {
        return ManagedClusterAgentPoolProfile.fromJson(reader);
      }
    } catch (IOException e) {
      throw new IllegalStateException("agent pool " + desired.cloudPoolName() + " does not convert to a profile", e);
    }
  }

  /** Sets the in-place fields of {@code pool} to {@code desired}'s: scaling, labels, taints, mode. */
  static AgentPoolInner applyInPlace(AgentPoolInner pool, NodePoolSpec desired) {
    if (desired.autoscaling() != null) {
      // The count belongs to the cluster autoscaler: a create starts at the minimum, an update leaves it alone.
      pool.withEnableAutoScaling(true).withMinCount(desired.autoscaling().minReplicas())
          .withMaxCount(desired.autoscaling().maxReplicas());
      if (pool.count() == null) {
        pool.withCount(desired.autoscaling().minReplicas());
      }
    } else {
      pool.withEnableAutoScaling(false).withMinCount(null).withMaxCount(null).withCount(desired.replicas());
    }
    boolean spot = pool.scaleSetPriority() == ScaleSetPriority.SPOT;
    List<String> taints = new ArrayList<>();
    desired.taints().forEach(t -> taints.add(taint(t)));
    if (spot && !taints.contains(SPOT_TAINT)) {
      taints.add(SPOT_TAINT);
    }
    Map<String, String> labels = new LinkedHashMap<>(desired.nodeLabels());
    if (spot) {
      labels.put(SPOT_LABEL, "spot");
    }
    return pool.withNodeLabels(labels).withNodeTaints(taints)
        .withMode(desired.mode() == NodepoolMode.System ? AgentPoolMode.SYSTEM : AgentPoolMode.USER);
  }

  /** The in-place fields (names as in the MachinePool spec) where the agent pool differs from {@code desired}. */
  static List<String> inPlaceDifferences(AgentPoolInner pool, NodePoolSpec desired) {
    List<String> fields = new ArrayList<>();
    if (!Objects.equals(autoscaling(pool), desired.autoscaling())) {
      fields.add("autoscaling");
    }
    if (desired.autoscaling() == null && !Objects.equals(pool.count(), desired.replicas())) {
      fields.add("replicas");
    }
    if (!Objects.equals(labels(pool), desired.nodeLabels())) {
      fields.add("nodeLabels");
    }
    if (!new LinkedHashSet<>(taints(pool)).equals(new LinkedHashSet<>(desired.taints()))) {
      fields.add("taints");
    }
    if (mode(pool) != desired.mode()) {
      fields.add("mode");
    }
    return fields;
  }

  /** The template as AKS has it, in Slipway's spelling where the read-back tags say the spec used one. */
  static MachineTemplate observedTemplate(AgentPoolInner pool) {
    Map<String, String> tags = pool.tags() == null ? Map.of() : pool.tags();
    Set<String> unset = new LinkedHashSet<>(Arrays.asList(tags.getOrDefault(UNSET_TAG, "").split(" ")));
    String architecture = tags.get(ARCHITECTURE_TAG);
    String disk = pool.osDiskSizeGB() == null || unset.contains("diskSize") ? null
        : DiskSizes.spelling(pool.osDiskSizeGB(), tags.get(DISK_SIZE_TAG));
    String diskType = pool.osDiskType() == null || unset.contains("diskType") ? null : pool.osDiskType().toString();
    Integer maxPods = unset.contains("maxPods") ? null : pool.maxPods();
    CapacityType capacity = unset.contains("capacityType") && pool.scaleSetPriority() != ScaleSetPriority.SPOT ? null
        : pool.scaleSetPriority() == ScaleSetPriority.SPOT ? CapacityType.Spot : CapacityType.OnDemand;
    List<String> zones = pool.availabilityZones() == null || pool.availabilityZones().isEmpty() ? null
        : List.copyOf(pool.availabilityZones());
    return new MachineTemplate(pool.vmSize(), osImage(pool.osSku()),
        architecture == null || unset.contains("architecture") ? null
            : Architecture.valueOf(architecture.toUpperCase(Locale.ROOT)),
        disk, diskType, maxPods, capacity, zones);
  }

  static Autoscaling autoscaling(AgentPoolInner pool) {
    return Boolean.TRUE.equals(pool.enableAutoScaling()) ? new Autoscaling(pool.minCount(), pool.maxCount()) : null;
  }

  /** Node labels Slipway asked for: without the Spot label AKS adds itself. */
  static Map<String, String> labels(AgentPoolInner pool) {
    Map<String, String> labels = new LinkedHashMap<>(pool.nodeLabels() == null ? Map.of() : pool.nodeLabels());
    if (pool.scaleSetPriority() == ScaleSetPriority.SPOT) {
      labels.remove(SPOT_LABEL);
    }
    return labels;
  }

  /** Taints Slipway asked for: without the Spot taint AKS adds itself. */
  static List<Taint> taints(AgentPoolInner pool) {
    List<Taint> taints = new ArrayList<>();
    for (String taint : pool.nodeTaints() == null ? List.<String>of() : pool.nodeTaints()) {
      if (!SPOT_TAINT.equals(taint)) {
        taints.add(taint(taint));
      }
    }
    return taints;
  }

  static NodepoolMode mode(AgentPoolInner pool) {
    return AgentPoolMode.SYSTEM.equals(pool.mode()) ? NodepoolMode.System : NodepoolMode.User;
  }

  /** AKS's provisioningState as a Slipway phase. */
  static ProvisioningPhase phase(String provisioningState) {
    if (provisioningState == null) {
      return ProvisioningPhase.READY;
    }
    switch (provisioningState.toLowerCase(Locale.ROOT)) {
      case "creating":
        return ProvisioningPhase.CREATING;
      case "succeeded":
        return ProvisioningPhase.READY;
      case "deleting":
        return ProvisioningPhase.DELETING;
      case "failed":
      case "canceled":
        return ProvisioningPhase.FAILED;
      default:
        // Updating, Scaling, Upgrading, Starting, Stopping, Migrating, ...
        return ProvisioningPhase.UPDATING;
    }
  }

  /**
   * What went wrong, for a Failed resource: {@code <code>: <message>} of AKS's {@code status.provisioningError}
   * (e.g. {@code VMExtensionProvisioningError: ...}), or a plain statement when AKS gave none.
   */
  static String failure(String what, ManagementError error) {
    if (error == null || error.getCode() == null) {
      return "AKS reports " + what + " Failed without an error";
    }
    return error.getCode() + ": " + (error.getMessage() == null ? "" : error.getMessage());
  }

  /** Whether an ARM provisioningState is final (no operation running on the resource). */
  static boolean terminal(String provisioningState) {
    return provisioningState == null || TERMINAL.contains(provisioningState.toLowerCase(Locale.ROOT));
  }

  /** {@code key=value:Effect}, AKS's taint syntax. */
  static String taint(Taint taint) {
    return taint.key() + (taint.value() == null || taint.value().isEmpty() ? "" : "=" + taint.value()) + ":"
        + taint.effect();
  }

  static Taint taint(String aks) {
    int colon = aks.lastIndexOf(':');
    String keyValue = colon < 0 ? aks : aks.substring(0, colon);
    Taint.Effect effect = colon < 0 ? Taint.Effect.NoSchedule : Taint.Effect.valueOf(aks.substring(colon + 1));
    int equals = keyValue.indexOf('=');
    return equals < 0 ? new Taint(keyValue, null, effect)
        : new Taint(keyValue.substring(0, equals), keyValue.substring(equals + 1), effect);
  }

  static OSSku osSku(OsImage image) throws CloudException {
    if (image == OsImage.AzureLinux) {
      return OSSku.AZURE_LINUX;
    }
    if (image == OsImage.Ubuntu) {
      return OSSku.UBUNTU;
    }
    throw invalid("template.osImage " + image + " is not available on AKS (use AzureLinux or Ubuntu)");
  }

  static OsImage osImage(OSSku sku) {
    if (OSSku.AZURE_LINUX.equals(sku)) {
      return OsImage.AzureLinux;
    }
    return OSSku.UBUNTU.equals(sku) ? OsImage.Ubuntu : null;
  }

  static OSDiskType osDiskType(String diskType) throws CloudException {
    if (diskType == null) {
      return null;
    }
    for (OSDiskType known : OSDiskType.values()) {
      if (known.toString().equalsIgnoreCase(diskType)) {
        return known;
      }
    }
    throw invalid("template.diskType " + diskType + " is not an AKS OS disk type (Managed or Ephemeral)");
  }

  /** Ownership tags (Azure-safe names) and the read-back tags of a new pool. */
  static Map<String, String> tags(NodePoolSpec desired) {
    Map<String, String> tags = new LinkedHashMap<>();
    desired.tags().forEach((k, v) -> tags.put(AksNames.tagName(k), v));
    MachineTemplate template = desired.template();
    List<String> unset = new ArrayList<>();
    if (template.architecture() == null) {
      unset.add("architecture");
    } else {
      tags.put(ARCHITECTURE_TAG, template.architecture().name().toLowerCase(Locale.ROOT));
    }
    if (template.diskSize() == null) {
      unset.add("diskSize");
    } else {
      tags.put(DISK_SIZE_TAG, template.diskSize());
    }
    if (template.diskType() == null) {
      unset.add("diskType");
    }
    if (template.maxPods() == null) {
      unset.add("maxPods");
    }
    if (template.capacityType() == null) {
      unset.add("capacityType");
    }
    if (!unset.isEmpty()) {
      tags.put(UNSET_TAG, String.join(" ", unset));
    }
    return tags;
  }

  static CloudException invalid(String message) {
    return CloudException.permanent("InvalidParameter", message, null);
  }
}
