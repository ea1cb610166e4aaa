package dev.slipway.testing.azure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What AKS accepts in an agent pool's settings: names, value ranges, the defaults it fills on create and the
 * properties it refuses to change in place ({@code PropertyChangeNotAllowed}). Pure: the cluster-wide rules (one
 * operation at a time, one System pool) live with the cluster state.
 */
final class AgentPoolRules {

  static final String SPOT_LABEL = "kubernetes.azure.com/scalesetpriority";
  static final String SPOT_TAINT = SPOT_LABEL + "=spot:NoSchedule";

  private static final Pattern LINUX_NAME = Pattern.compile("[a-z][a-z0-9]{0,11}");
  private static final Pattern WINDOWS_NAME = Pattern.compile("[a-z][a-z0-9]{0,5}");
  private static final Pattern TAINT =
      Pattern.compile("[A-Za-z0-9][-A-Za-z0-9_./]*(=[-A-Za-z0-9_.]*)?:(NoSchedule|PreferNoSchedule|NoExecute)");
  private static final Set<String> LINUX_SKUS =
      Set.of("Ubuntu", "Ubuntu2204", "Ubuntu2404", "AzureLinux", "AzureLinux3", "CBLMariner");
  private static final Set<String> WINDOWS_SKUS = Set.of("Windows2019", "Windows2022", "WindowsAnnual");
  private static final Set<String> ZONES = Set.of("1", "2", "3");
  /** Unmodelled properties AKS (and Cluster API's Azure provider) treat as immutable. */
  private static final List<String> IMMUTABLE_EXTRA = List.of("kubeletConfig", "linuxOSConfig", "kubeletDiskType",
      "enableUltraSSD", "enableNodePublicIP", "nodePublicIPPrefixID", "gpuInstanceProfile", "hostGroupID");
  /** Unmodelled properties that cannot change once set. */
  private static final List<String> IMMUTABLE_ONCE_SET = List.of("vnetSubnetID", "podSubnetID", "enableFIPS",
      "enableEncryptionAtHost", "proximityPlacementGroupID");

  /** How an in-place update shows in provisioningState. */
  enum Change { UPDATE, SCALE, UPGRADE }

  private AgentPoolRules() {
  }

  /** AKS: 1-12 lowercase alphanumerics starting with a letter (1-6 for Windows pools). */
  static void checkName(String name, String osType) {
    boolean windows = "Windows".equals(osType);
    if (name == null || !(windows ? WINDOWS_NAME : LINUX_NAME).matcher(name).matches()) {
      throw ArmException.invalidParameter("name", "The agent pool name '" + name + "' is invalid. It must contain"
          + " only lowercase letters and numbers, start with a lowercase letter and be at most "
          + (windows ? 6 : 12) + " characters long" + (windows ? " for Windows pools." : "."));
    }
  }

  /** The complete settings AKS stores for a new pool: the request checked, with AKS's defaults for the rest. */
  static PoolSettings forCreate(String name, PoolSettings r, String controlPlaneVersion) {
    String osType = or(r.osType(), "Linux");
    checkName(name, osType);
    boolean auto = Boolean.TRUE.equals(r.enableAutoScaling());
    Integer count = r.count();
    if (auto && count != null && r.minCount() != null && r.maxCount() != null
        && (count < r.minCount() || count > r.maxCount())) {
      throw ArmException.invalidParameter("count", "The value of parameter count is invalid: " + count
          + ". With enableAutoScaling it must be between minCount (" + r.minCount() + ") and maxCount ("
          + r.maxCount() + ").");
    }
    if (count == null) {
      count = auto && r.minCount() != null ? r.minCount() : 1;
    }
    boolean spot = "Spot".equals(r.scaleSetPriority());
    Integer diskSize = r.osDiskSizeGB() == null || r.osDiskSize0() ? 128 : r.osDiskSizeGB();
    PoolSettings settings = new PoolSettings(count, or(r.vmSize(), "Standard_DS2_v2"), diskSize,
        or(r.osDiskType(), "Managed"), or(r.maxPods(), 250), osType,
        or(r.osSku(), "Windows".equals(osType) ? "Windows2022" : "Ubuntu"), or(r.type(), "VirtualMachineScaleSets"),
        or(r.mode(), "User"), or(r.orchestratorVersion(), controlPlaneVersion), or(r.scaleSetPriority(), "Regular"),
        spot ? or(r.scaleSetEvictionPolicy(), "Delete") : null, spot ? or(r.spotMaxPrice(), -1.0) : null,
        auto, auto ? r.minCount() : null, auto ? r.maxCount() : null, or(r.availabilityZones(), List.of()),
        or(r.nodeLabels(), Map.of()), or(r.nodeTaints(), List.of()), or(r.tags(), Map.of()), r.extra());
    return validate(settings, controlPlaneVersion, true);
  }

  /**
   * The settings after an in-place update: the given properties replace the stored ones, the omitted ones stay.
   * Refuses a change of an immutable property, a downgrade and a count change while the autoscaler owns the count.
   */
  static PoolSettings forUpdate(PoolSettings current, String currentVersion, PoolSettings r,
      String controlPlaneVersion) {
    immutable("vmSize", current, r, s -> s.vmSize() == null ? null : s.vmSize().toLowerCase(Locale.ROOT));
    immutable("osDiskSizeGB", current, r, s -> s.osDiskSize0() ? null : s.osDiskSizeGB());
    immutable("osDiskType", current, r, PoolSettings::osDiskType);
    immutable("maxPods", current, r, PoolSettings::maxPods);
    immutable("scaleSetPriority", current, r, PoolSettings::scaleSetPriority);
    immutable("availabilityZones", current, r,
        s -> s.availabilityZones() == null ? null : s.availabilityZones().stream().sorted().toList());
    immutable("osSKU", current, r, PoolSettings::osSku);
    immutable("osType", current, r, PoolSettings::osType);
    immutable("type", current, r, PoolSettings::type);
    for (String key : IMMUTABLE_EXTRA) {
      if (r.extra().has(key) && !sameValue(current.extra().get(key), r.extra().get(key))) {
        throw propertyChange(key);
      }
    }
    for (String key : IMMUTABLE_ONCE_SET) {
      if (r.extra().has(key) && current.extra().has(key)
          && !sameValue(current.extra().get(key), r.extra().get(key))) {
        throw propertyChange(key);
      }
    }
    boolean versionChange = r.orchestratorVersion() != null
        && !KubernetesVersions.unchanged(currentVersion, r.orchestratorVersion());
    if (versionChange) {
      KubernetesVersions.checkUpgrade(currentVersion, r.orchestratorVersion(), "orchestratorVersion", false);
    }
    boolean auto = r.enableAutoScaling() != null ? r.enableAutoScaling() : current.autoScaling();
    if (auto && r.count() != null && !r.count().equals(current.count())) {
      throw ArmException.invalidParameter("count", "The node count of agent pool cannot be changed while"
          + " enableAutoScaling is true: the cluster autoscaler sets it between minCount and maxCount. Current count "
          + current.count() + ", requested " + r.count() + ".");
    }
    Integer minCount = auto ? or(r.minCount(), current.minCount()) : null;
    Integer maxCount = auto ? or(r.maxCount(), current.maxCount()) : null;
    int count = or(r.count(), current.count());
    if (auto && minCount != null && maxCount != null && minCount <= maxCount) {
      count = Math.max(minCount, Math.min(maxCount, count));
    }
    JsonObject extra = current.extra().deepCopy();
    r.extra().entrySet().forEach(e -> extra.add(e.getKey(), e.getValue().deepCopy()));
    boolean spot = current.spot();
    PoolSettings merged = new PoolSettings(count, current.vmSize(), current.osDiskSizeGB(), current.osDiskType(),
        current.maxPods(), current.osType(), current.osSku(), current.type(), or(r.mode(), current.mode()),
        versionChange ? r.orchestratorVersion() : current.orchestratorVersion(), current.scaleSetPriority(),
        spot ? or(r.scaleSetEvictionPolicy(), current.scaleSetEvictionPolicy()) : null,
        spot ? or(r.spotMaxPrice(), current.spotMaxPrice()) : null, auto, minCount, maxCount,
        current.availabilityZones(), or(r.nodeLabels(), current.nodeLabels()),
        or(r.nodeTaints(), current.nodeTaints()), or(r.tags(), current.tags()), extra);
    return validate(merged, controlPlaneVersion, versionChange);
  }

  /** The provisioningState an accepted update shows: Upgrading, else Scaling, else Updating. */
  static Change classify(PoolSettings current, String currentVersion, PoolSettings updated) {
    if (!KubernetesVersions.unchanged(currentVersion, updated.orchestratorVersion())) {
      return Change.UPGRADE;
    }
    return Objects.equals(current.count(), updated.count()) ? Change.UPDATE : Change.SCALE;
  }

  private static PoolSettings validate(PoolSettings s, String controlPlaneVersion, boolean checkVersion) {
    if (!"VirtualMachineScaleSets".equals(s.type())) {
      throw ArmException.invalidParameter("type", "The value of parameter type is invalid: '" + s.type()
          + "'. This fake models VirtualMachineScaleSets agent pools only.");
    }
    oneOf("osType", s.osType(), Set.of("Linux", "Windows"));
    oneOf("osSKU", s.osSku(), "Windows".equals(s.osType()) ? WINDOWS_SKUS : LINUX_SKUS);
    oneOf("mode", s.mode(), Set.of("System", "User"));
    oneOf("osDiskType", s.osDiskType(), Set.of("Managed", "Ephemeral"));
    oneOf("scaleSetPriority", s.scaleSetPriority(), Set.of("Regular", "Spot"));
    if (s.system() && "Windows".equals(s.osType())) {
      throw ArmException.invalidParameter("mode", "System agent pools must run Linux.");
    }
    if (s.system() && s.spot()) {
      throw ArmException.invalidParameter("scaleSetPriority", "System agent pools cannot use Spot priority: AKS"
          + " requires Regular priority for System node pools.");
    }
    range("osDiskSizeGB", s.osDiskSizeGB(), 30, 2048);
    range("maxPods", s.maxPods(), 10, 250);
    range("count", s.count(), 0, 1000);
    if (s.autoScaling()) {
      if (s.minCount() == null || s.maxCount() == null) {
        throw ArmException.invalidParameter(s.minCount() == null ? "minCount" : "maxCount", "minCount and maxCount"
            + " are required when enableAutoScaling is true.");
      }
      range("minCount", s.minCount(), s.system() ? 1 : 0, 1000);
      range("maxCount", s.maxCount(), s.minCount(), 1000);
    } else if (s.system() && s.count() < 1) {
      throw ArmException.invalidParameter("count", "The value of parameter count is invalid: 0. System agent pools"
          + " need at least one node.");
    }
    if (s.spot()) {
      oneOf("scaleSetEvictionPolicy", s.scaleSetEvictionPolicy(), Set.of("Delete", "Deallocate"));
      if (s.spotMaxPrice() != -1.0 && s.spotMaxPrice() <= 0) {
        throw ArmException.invalidParameter("spotMaxPrice", "The value of parameter spotMaxPrice is invalid: "
            + s.spotMaxPrice() + ". Use -1 (pay up to the on-demand price) or a positive price.");
      }
    }
    Set<String> zones = new HashSet<>();
    for (String zone : s.availabilityZones()) {
      if (!ZONES.contains(zone) || !zones.add(zone)) {
        throw ArmException.invalidParameter("availabilityZones", "The value of parameter availabilityZones is"
            + " invalid: " + s.availabilityZones() + ". Zones are distinct values among 1, 2 and 3.");
      }
    }
    for (String taint : s.nodeTaints()) {
      if (!TAINT.matcher(taint).matches()) {
        throw ArmException.invalidParameter("nodeTaints", "The value of parameter nodeTaints is invalid: '" + taint
            + "'. A taint looks like key=value:NoSchedule (effects: NoSchedule, PreferNoSchedule, NoExecute).");
      }
    }
    for (String label : s.nodeLabels().keySet()) {
      boolean reserved = label.startsWith("kubernetes.azure.com/") && !(s.spot() && label.equals(SPOT_LABEL));
      if (reserved) {
        throw ArmException.invalidParameter("nodeLabels", "The label key '" + label + "' is invalid: the prefix"
            + " kubernetes.azure.com/ is reserved for AKS.");
      }
    }
    if (checkVersion) {
      KubernetesVersions.checkPoolSkew(s.orchestratorVersion(), controlPlaneVersion);
    }
    return s.spot() ? withSpotMarkers(s) : s;
  }

  /** AKS puts a label and a NoSchedule taint on every Spot pool, and shows them in the pool's properties. */
  private static PoolSettings withSpotMarkers(PoolSettings s) {
    Map<String, String> labels = new LinkedHashMap<>(s.nodeLabels());
    labels.put(SPOT_LABEL, "spot");
    List<String> taints = new ArrayList<>(s.nodeTaints());
    if (!taints.contains(SPOT_TAINT)) {
      taints.add(SPOT_TAINT);
    }
    return new PoolSettings(s.count(), s.vmSize(), s.osDiskSizeGB(), s.osDiskType(), s.maxPods(), s.osType(),
        s.osSku(), s.type(), s.mode(), s.orchestratorVersion(), s.scaleSetPriority(), s.scaleSetEvictionPolicy(),
        s.spotMaxPrice(), s.enableAutoScaling(), s.minCount(), s.maxCount(), s.availabilityZones(),
        Map.copyOf(labels), List.copyOf(taints), s.tags(), s.extra());
  }

  private static <T> void immutable(String property, PoolSettings current, PoolSettings requested,
      Function<PoolSettings, T> value) {
    T wanted = value.apply(requested);
    if (wanted != null && !wanted.equals(value.apply(current))) {
      throw propertyChange(property);
    }
  }

  private static ArmException propertyChange(String property) {
    return new ArmException(400, "PropertyChangeNotAllowed", "Changing property '" + property + "' is not allowed.",
        property);
  }

  /** JSON equality where an absent boolean counts as false (AKS's default for every immutable flag). */
  private static boolean sameValue(JsonElement current, JsonElement requested) {
    JsonElement a = current == null || current.isJsonNull() ? null : current;
    JsonElement b = requested == null || requested.isJsonNull() ? null : requested;
    if (a == null && b instanceof JsonPrimitive p && p.isBoolean()) {
      return !p.getAsBoolean();
    }
    return Objects.equals(a, b);
  }

  private static void oneOf(String property, String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw ArmException.invalidParameter(property, "The value of parameter " + property + " is invalid: '" + value
          + "'. Allowed values: " + allowed.stream().sorted().toList() + ".");
    }
  }

  private static void range(String property, int value, int min, int max) {
    if (value < min || value > max) {
      throw ArmException.invalidParameter(property, "The value of parameter " + property + " is invalid: " + value
          + ". It must be between " + min + " and " + max + ".");
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
