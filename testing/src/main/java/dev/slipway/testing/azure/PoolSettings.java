package dev.slipway.testing.azure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settable properties of an agent pool, as the {@code properties} object of an agent pool (or an entry of a
 * cluster's {@code agentPoolProfiles}) carries them. Read from a request, a null means "not given"; after
 * {@link AgentPoolRules} has filled defaults the stored settings are complete. Properties the fake does not interpret
 * (upgradeSettings, kubeletConfig, vnetSubnetID, ...) travel in {@code extra} and are echoed back.
 */
record PoolSettings(Integer count, String vmSize, Integer osDiskSizeGB, String osDiskType, Integer maxPods,
    String osType, String osSku, String type, String mode, String orchestratorVersion, String scaleSetPriority,
    String scaleSetEvictionPolicy, Double spotMaxPrice, Boolean enableAutoScaling, Integer minCount,
    Integer maxCount, List<String> availabilityZones, Map<String, String> nodeLabels, List<String> nodeTaints,
    Map<String, String> tags, JsonObject extra) {

  /** Read-only or unmodelled properties a client may send back; the fake ignores them, as AKS does. */
  private static final Set<String> IGNORED = Set.of("name", "provisioningState", "currentOrchestratorVersion",
      "nodeImageVersion", "powerState", "eTag", "status", "virtualMachineNodesStatus");
  private static final Set<String> MODELLED = Set.of("count", "vmSize", "osDiskSizeGB", "osDiskType", "maxPods",
      "osType", "osSKU", "type", "mode", "orchestratorVersion", "scaleSetPriority", "scaleSetEvictionPolicy",
      "spotMaxPrice", "enableAutoScaling", "minCount", "maxCount", "availabilityZones", "nodeLabels", "nodeTaints",
      "tags");

  static PoolSettings fromJson(JsonObject properties) {
    JsonObject p = properties == null ? new JsonObject() : properties;
    JsonObject extra = new JsonObject();
    for (Map.Entry<String, JsonElement> entry : p.entrySet()) {
      if (!IGNORED.contains(entry.getKey()) && !MODELLED.contains(entry.getKey())
          && !entry.getValue().isJsonNull()) {
        extra.add(entry.getKey(), entry.getValue().deepCopy());
      }
    }
    return new PoolSettings(JsonFields.integer(p, "count"), JsonFields.string(p, "vmSize"),
        JsonFields.integer(p, "osDiskSizeGB"), JsonFields.string(p, "osDiskType"), JsonFields.integer(p, "maxPods"),
        JsonFields.string(p, "osType"), JsonFields.string(p, "osSKU"), JsonFields.string(p, "type"),
        JsonFields.string(p, "mode"), JsonFields.string(p, "orchestratorVersion"),
        JsonFields.string(p, "scaleSetPriority"), JsonFields.string(p, "scaleSetEvictionPolicy"),
        JsonFields.number(p, "spotMaxPrice"), JsonFields.bool(p, "enableAutoScaling"),
        JsonFields.integer(p, "minCount"), JsonFields.integer(p, "maxCount"),
        JsonFields.strings(p, "availabilityZones"), JsonFields.stringMap(p, "nodeLabels"),
        JsonFields.strings(p, "nodeTaints"), JsonFields.stringMap(p, "tags"), extra);
  }

  /** Writes the settings into an agent pool's {@code properties} (or an agentPoolProfiles entry). */
  void writeTo(JsonObject properties) {
    extra.entrySet().forEach(e -> properties.add(e.getKey(), e.getValue().deepCopy()));
    put(properties, "count", count);
    put(properties, "vmSize", vmSize);
    put(properties, "osDiskSizeGB", osDiskSizeGB);
    put(properties, "osDiskType", osDiskType);
    put(properties, "maxPods", maxPods);
    put(properties, "type", type);
    put(properties, "availabilityZones", availabilityZones == null ? null : JsonFields.array(availabilityZones));
    put(properties, "maxCount", maxCount);
    put(properties, "minCount", minCount);
    put(properties, "enableAutoScaling", enableAutoScaling);
    put(properties, "scaleSetPriority", scaleSetPriority);
    put(properties, "scaleSetEvictionPolicy", scaleSetEvictionPolicy);
    put(properties, "spotMaxPrice", spotMaxPrice);
    put(properties, "orchestratorVersion", orchestratorVersion);
    put(properties, "mode", mode);
    put(properties, "osType", osType);
    put(properties, "osSKU", osSku);
    put(properties, "tags", tags == null ? null : JsonFields.object(tags));
    put(properties, "nodeLabels", nodeLabels == null ? null : JsonFields.object(nodeLabels));
    put(properties, "nodeTaints", nodeTaints == null ? null : JsonFields.array(nodeTaints));
  }

  private static void put(JsonObject object, String name, Object value) {
    if (value instanceof JsonElement element) {
      object.add(name, element);
    } else if (value instanceof Number number) {
      object.addProperty(name, number);
    } else if (value instanceof Boolean bool) {
      object.addProperty(name, bool);
    } else if (value != null) {
      object.addProperty(name, value.toString());
    }
  }

  PoolSettings withCount(int newCount) {
    return new PoolSettings(newCount, vmSize, osDiskSizeGB, osDiskType, maxPods, osType, osSku, type, mode,
        orchestratorVersion, scaleSetPriority, scaleSetEvictionPolicy, spotMaxPrice, enableAutoScaling, minCount,
        maxCount, availabilityZones, nodeLabels, nodeTaints, tags, extra);
  }

  boolean autoScaling() {
    return Boolean.TRUE.equals(enableAutoScaling);
  }

  boolean system() {
    return "System".equals(mode);
  }

  /** AKS reads an osDiskSizeGB of 0 as "the default size". */
  boolean osDiskSize0() {
    return osDiskSizeGB != null && osDiskSizeGB == 0;
  }

  boolean spot() {
    return "Spot".equals(scaleSetPriority);
  }
}
