package dev.slipway.controllers.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.yaml.snakeyaml.Yaml;

/**
 * A seeded generator of hostile Slipway manifests: valid bases (those of {@code api/src/test/resources/
 * invalid-manifests.yaml} and {@code config/samples}, with every optional field filled in so mutations have something
 * to hit) changed by one to three mutations, or fully random specs of the right kind. Every mutation records the field
 * path it hit, so an API-server rejection can be checked to name it. The same seed gives the same manifests.
 */
final class HostileManifests {

  /**
   * What a mutation did, and where ({@code spec.taints[0].effect}; an entry of a free-form map such as
   * {@code nodeLabels} is {@code spec.nodeLabels[team]}, as the API server writes it). {@code related} are the fields
   * a cross-field rule may name instead (changing a MachinePool's provider invalidates its osImage and cloudPoolName).
   */
  record Mutation(String kind, String path, List<String> related) {

    Mutation(String kind, String path) {
      this(kind, path, List.of());
    }

    /** The words a rejection message may use to name the field: the path, its last segment or a related field. */
    List<String> names() {
      String last = path.replaceAll("\\[[^\\]]*]$", "");
      last = last.substring(last.lastIndexOf('.') + 1);
      List<String> names = new ArrayList<>(List.of(path, last));
      names.addAll(related);
      return names;
    }

    @Override
    public String toString() {
      return kind + "@" + path;
    }
  }

  /** One generated manifest: its base, the object as it will be sent, and what was done to it. */
  record Hostile(int index, String base, Map<String, Object> manifest, List<Mutation> mutations) {

    String kind() {
      return (String) manifest.get("kind");
    }

    String name() {
      Object metadata = manifest.get("metadata");
      return metadata instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : null;
    }
  }

  private static final String BASES = """
      cluster-sim:
        apiVersion: slipway.dev/v1alpha1
        kind: Cluster
        spec:
          provider: sim
          region: sim-local-1
          version: "1.33"
          paused: false
          sim:
            latencyProfile: Instant
      cluster-aws:
        apiVersion: slipway.dev/v1alpha1
        kind: Cluster
        spec:
          provider: aws
          region: eu-west-1
          version: "1.33"
          aws:
            roleArn: arn:aws:iam::123456789012:role/eks
            nodeRoleArn: arn:aws:iam::123456789012:role/eks-nodes
            subnetIds: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
            securityGroupIds: [sg-0a1b2c3d4e5f60001]
            endpointPrivateAccess: true
            endpointPublicAccess: false
            tags: {team: payments}
      cluster-azure:
        apiVersion: slipway.dev/v1alpha1
        kind: Cluster
        spec:
          provider: azure
          region: westeurope
          version: "1.33"
          azure:
            subscriptionId: 00000000-0000-0000-0000-000000000000
            resourceGroup: rg-test
            networkPlugin: azure
            skuTier: Standard
            tags: {team: payments}
      nodepool:
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        spec:
          clusterName: dev
          mode: User
          replicas: 2
          version: "1.33"
          nodeLabels: {team: payments, example.com/tier: web}
          taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
          template:
            machineType: sim.small
            osImage: AL2
            architecture: amd64
            capacityType: OnDemand
            diskSize: 128Gi
            diskType: gp3
            maxPods: 110
            zones: [zone-a, zone-b]
          rollout:
            drainTimeout: 5m
            maxConcurrentDrains: 1
            onDrainTimeout: Wait
      nodepool-autoscaling:
        apiVersion: slipway.dev/v1alpha1
        kind: Nodepool
        spec:
          clusterName: dev
          mode: System
          autoscaling: {minReplicas: 1, maxReplicas: 3}
          template:
            machineType: sim.medium
            osImage: AzureLinux
      machinepool-sim:
        apiVersion: slipway.dev/v1alpha1
        kind: MachinePool
        spec:
          clusterName: dev
          provider: sim
          cloudPoolName: apps-1a2b3c4d
          version: "1.33"
          mode: User
          replicas: 1
          nodeLabels: {team: payments}
          taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
          template:
            machineType: sim.small
            osImage: AL2
            maxPods: 110
      machinepool-azure:
        apiVersion: slipway.dev/v1alpha1
        kind: MachinePool
        spec:
          clusterName: dev
          provider: azure
          cloudPoolName: apps1a2b3c
          version: "1.33"
          replicas: 3
          template:
            machineType: Standard_D4s_v5
            osImage: AzureLinux
      machinepool-aws:
        apiVersion: slipway.dev/v1alpha1
        kind: MachinePool
        spec:
          clusterName: dev
          provider: aws
          cloudPoolName: apps-1a2b3c4d
          version: "1.33"
          autoscaling: {minReplicas: 0, maxReplicas: 4}
          template:
            machineType: m6i.large
            osImage: AL2
      cac:
        apiVersion: slipway.dev/v1alpha1
        kind: ClusterAdditionalConfig
        spec:
          clusterName: dev
          containerRegistries:
          - id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/teamacr
          clusterAutoscaler:
            expander: least-waste
            balanceSimilarNodeGroups: true
            maxEmptyBulkDelete: 10
            maxGracefulTerminationSec: 600
            maxNodeProvisionTime: 15m
            maxTotalUnreadyPercentage: 45
            newPodScaleUpDelay: 0s
            okTotalUnreadyCount: 3
            scaleDownDelayAfterAdd: 10m
            scaleDownDelayAfterDelete: 10s
            scaleDownUnneededTime: 10m
            scaleDownUtilizationThreshold: "0.5"
            scanInterval: 10s
      cac-aws:
        apiVersion: slipway.dev/v1alpha1
        kind: ClusterAdditionalConfig
        spec:
          clusterName: dev
          containerRegistries:
          - id: "arn:aws:ecr:eu-west-1:123456789012:repository/*"
      """;

  private static final Map<String, List<String>> ENUMS = Map.ofEntries(
      Map.entry("provider", List.of("aws", "azure", "sim")),
      Map.entry("latencyProfile", List.of("Fast", "Instant", "Realistic")),
      Map.entry("networkPlugin", List.of("azure", "kubenet", "none")),
      Map.entry("skuTier", List.of("Free", "Premium", "Standard")),
      Map.entry("mode", List.of("System", "User")),
      Map.entry("effect", List.of("NoExecute", "NoSchedule", "PreferNoSchedule")),
      Map.entry("osImage", List.of("AL2", "AL2023", "AzureLinux", "Bottlerocket", "Ubuntu")),
      Map.entry("architecture", List.of("amd64", "arm64")),
      Map.entry("capacityType", List.of("OnDemand", "Spot")),
      Map.entry("onDrainTimeout", List.of("ForceDelete", "Wait")),
      Map.entry("expander", List.of("least-waste", "most-pods", "priority", "random")));

  /** Maps whose keys are data (additionalProperties), not fields. */
  private static final Set<String> FREE_FORM_MAPS = Set.of("nodeLabels", "tags");

  private static final Set<String> DURATIONS = Set.of("drainTimeout", "maxNodeProvisionTime", "newPodScaleUpDelay",
      "scaleDownDelayAfterAdd", "scaleDownDelayAfterDelete", "scaleDownDelayAfterFailure", "scaleDownUnneededTime",
      "scaleDownUnreadyTime", "scanInterval");

  private static final List<String> HOSTILE_STRINGS = List.of("", " ", "\t", "null", "true", "0", "-1",
      "\u0000", "a\u0000b", "line\nbreak", "\u007f", "\u202eevil", "ünïcödé", "名前", "😀🔥", "e\u0301",
      "../../etc/passwd", "${jndi:ldap://x/a}", "%s%n", "<script>", "'; DROP TABLE x; --", "\\", "\"", "a b",
      "UPPER", "-leading", "trailing-", "a.b", "a/b", "*", "\ud800");

  private static final List<String> QUANTITIES = List.of("128 gigs", "1e3Gi", "-20Gi", "0", "20Gi ", "1.5Gi",
      "NaN", "Infinity", "99999999999999999999Ti", "4Ti", "4097Gi", "19Gi", "20Gi", "0x20", "20GiB", "2e1Gi",
      "1Ei", "+20Gi", "");

  private static final List<String> DURATION_VALUES = List.of("0s", "0m", "1h1h", "9999999999999999999h", "1.5h",
      "-5m", "24h1s", "24h", "60s", "1440m", "86401s", "1m0s", "m", "5", "5 m", "5M", "1d", "", "0");

  private static final List<String> VERSIONS = List.of("1.33", "1.34", "1.32", "1.0", "1.999", "1.9999", "2.0",
      "1.33.0.1", "v1.33", "1.33.99999", "1.33.9999", "1.01", "1.33-rc.1", "1", "1.", ".33", "1.33.", "", "1.1000",
      "１.33", "1.33\n");

  private final SplittableRandom random;
  private final List<String> clusterNames;
  private final Map<String, Map<String, Object>> bases;
  private final List<String> baseNames;

  /**
   * @param seed the seed of every draw
   * @param clusterNames the clusters a Nodepool, MachinePool or ClusterAdditionalConfig base points at before it is
   *     mutated (so accepted ones refer to clusters that exist)
   */
  @SuppressWarnings("unchecked")
  HostileManifests(long seed, List<String> clusterNames) {
    this.random = new SplittableRandom(seed);
    this.clusterNames = List.copyOf(clusterNames);
    this.bases = (Map<String, Map<String, Object>>) new Yaml().load(BASES);
    this.baseNames = List.copyOf(bases.keySet());
  }

  /** The bases, unmutated (named {@code base-<base>}); each must be accepted. */
  List<Hostile> bases() {
    List<Hostile> all = new ArrayList<>();
    for (String base : baseNames) {
      Map<String, Object> object = copy(bases.get(base));
      object.put("metadata", new LinkedHashMap<>(Map.of("name", "base-" + base)));
      pointAtCluster(object, clusterNames.get(0));
      all.add(new Hostile(-1, base, object, List.of()));
    }
    return all;
  }

  /** The next hostile manifest, named {@code h<index>} unless a mutation hits the name. */
  Hostile next(int index) {
    String base = baseNames.get(random.nextInt(baseNames.size()));
    Map<String, Object> object = copy(bases.get(base));
    object.put("metadata", new LinkedHashMap<>(Map.of("name", "h" + index)));
    pointAtCluster(object, clusterNames.get(random.nextInt(clusterNames.size())));
    List<Mutation> mutations = new ArrayList<>();
    if (random.nextInt(100) < 8) {
      object.put("spec", randomSpec((String) object.get("kind")));
      mutations.add(new Mutation("random-object", "spec"));
    } else {
      int count = 1 + (random.nextInt(100) < 70 ? 0 : 1 + random.nextInt(2));
      for (int i = 0; i < count; i++) {
        mutations.add(mutate(object));
      }
    }
    return new Hostile(index, base, object, List.copyOf(mutations));
  }

  /**
   * A hostile edit of a stored object, as {@code kubectl replace} of an edited manifest sends it: the stored metadata
   * (resourceVersion, finalizers and labels kept, managedFields dropped), no status, and the spec changed by one
   * mutation (never the name: a replace cannot rename). Named {@code update-<name>} as its base.
   */
  @SuppressWarnings("unchecked")
  Hostile update(int index, Map<String, Object> stored) {
    Map<String, Object> object = copy(stored);
    object.remove("status");
    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
    metadata.remove("managedFields");
    Mutation mutation = mutate(object, false);
    return new Hostile(index, "update-" + metadata.get("name"), object, List.of(mutation));
  }

  @SuppressWarnings("unchecked")
  private static void pointAtCluster(Map<String, Object> object, String cluster) {
    Map<String, Object> spec = (Map<String, Object>) object.get("spec");
    if (spec.containsKey("clusterName")) {
      spec.put("clusterName", cluster);
    }
  }

  // --- mutations ---

  /** A place in the tree: its parent container and key (String) or index (Integer), and its dotted path. */
  private record Slot(Object parent, Object key, String path) {

    @SuppressWarnings("unchecked")
    Object get() {
      return parent instanceof Map<?, ?> map ? map.get(key) : ((List<Object>) parent).get((Integer) key);
    }

    @SuppressWarnings("unchecked")
    void set(Object value) {
      if (parent instanceof Map<?, ?>) {
        ((Map<String, Object>) parent).put((String) key, value);
      } else {
        ((List<Object>) parent).set((Integer) key, value);
      }
    }

    @SuppressWarnings("unchecked")
    void remove() {
      if (parent instanceof Map<?, ?>) {
        ((Map<String, Object>) parent).remove(key);
      } else {
        ((List<Object>) parent).remove((int) (Integer) key);
      }
    }
  }

  private Mutation mutate(Map<String, Object> object) {
    return mutate(object, true);
  }

  private Mutation mutate(Map<String, Object> object, boolean mayRename) {
    List<Slot> slots = new ArrayList<>();
    collect(object.get("spec"), "spec", "spec", slots);
    if (mayRename && random.nextInt(100) < 3) {
      Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
      slots.add(new Slot(metadata, "name", "metadata.name"));
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    if (slot.path().equals("metadata.name")) {
      slot.set(pick(List.of("UPPER-" + slot.get(), slot.get() + ".dotted", "x".repeat(64), "ünï", "-a", "a_b")));
      return new Mutation("invalid-name", slot.path());
    }
    Object value = slot.get();
    String field = fieldName(slot);
    int roll = random.nextInt(100);
    if (value instanceof List<?> && roll < 40) {
      return listMutation(slot);
    }
    if (value instanceof Map<?, ?> && roll < 30) {
      return unknownField(slot);
    }
    if (roll < 12) {
      slot.remove();
      return new Mutation("drop", slot.path());
    }
    if (roll < 20) {
      slot.set(null);
      return new Mutation("null", slot.path());
    }
    if (roll < 32) {
      slot.set(wrongType(value));
      return new Mutation("wrong-type", slot.path());
    }
    if (field.equals("provider") && roll < 70) {
      return providerMismatch(object, slot);
    }
    if (ENUMS.containsKey(field) && roll < 70) {
      slot.set(invalidEnum(ENUMS.get(field)));
      return new Mutation("invalid-enum", slot.path());
    }
    if (DURATIONS.contains(field) && roll < 80) {
      slot.set(pick(DURATION_VALUES));
      return new Mutation("duration", slot.path());
    }
    if (field.equals("diskSize") && roll < 80) {
      slot.set(pick(QUANTITIES));
      return new Mutation("quantity", slot.path());
    }
    if (field.equals("version") && roll < 80) {
      slot.set(pick(VERSIONS));
      return new Mutation("version", slot.path());
    }
    if (value instanceof Integer || value instanceof Long) {
      slot.set(hostileNumber());
      return new Mutation("number", slot.path());
    }
    if (value instanceof String) {
      slot.set(hostileString());
      return new Mutation("string", slot.path());
    }
    if (value instanceof Map<?, ?>) {
      return unknownField(slot);
    }
    if (value instanceof List<?>) {
      return listMutation(slot);
    }
    slot.set(wrongType(value));
    return new Mutation("wrong-type", slot.path());
  }

  private static String fieldName(Slot slot) {
    if (slot.key() instanceof String s) {
      return s;
    }
    String path = slot.path().replaceAll("\\[\\d+]$", "");
    return path.substring(path.lastIndexOf('.') + 1);
  }

  @SuppressWarnings("unchecked")
  private Mutation providerMismatch(Map<String, Object> object, Slot slot) {
    Map<String, Object> spec = (Map<String, Object>) object.get("spec");
    List<String> others = new ArrayList<>(ENUMS.get("provider"));
    others.remove(slot.get());
    String other = pick(others);
    if ("Cluster".equals(object.get("kind")) && random.nextBoolean()) {
      // A provider section for another provider, next to or instead of the right one.
      Map<String, Object> section = copy((Map<String, Object>) ((Map<String, Object>) bases.get("cluster-" + other)
          .get("spec")).get(other));
      spec.put(other, section);
      if (random.nextBoolean()) {
        spec.remove(String.valueOf(slot.get()));
        return new Mutation("provider-section", "spec." + slot.get());
      }
      return new Mutation("provider-section", "spec." + other);
    }
    slot.set(other);
    return new Mutation("provider-mismatch", slot.path(), List.of("spec." + other, "osImage", "cloudPoolName"));
  }

  @SuppressWarnings("unchecked")
  private Mutation unknownField(Slot slot) {
    Map<String, Object> map = (Map<String, Object>) slot.get();
    String key = pick(List.of("kubernetesVersion", "instanceType", "status", "extra", "Replicas", "ünknown",
        "a.b", "$ref", "__proto__", "spec"));
    map.put(key, randomValue(2));
    if (FREE_FORM_MAPS.contains(fieldName(slot))) {
      return new Mutation("map-entry", slot.path() + "[" + key + "]");
    }
    return new Mutation("unknown-field", slot.path() + "." + key);
  }

  @SuppressWarnings("unchecked")
  private Mutation listMutation(Slot slot) {
    List<Object> list = new ArrayList<>((List<Object>) slot.get());
    int roll = random.nextInt(3);
    if (roll == 0 || list.isEmpty()) {
      slot.set(new ArrayList<>());
      return new Mutation("empty-list", slot.path());
    }
    if (roll == 1) {
      Object first = list.get(0);
      int size = pick(List.of(2, 7, 17, 33, 100, 1000));
      List<Object> big = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        big.add(first instanceof Map<?, ?> m ? copy((Map<String, Object>) m) : first);
      }
      slot.set(big);
      return new Mutation("oversized-list", slot.path());
    }
    list.add(list.get(random.nextInt(list.size())) instanceof Map<?, ?> m ? copy((Map<String, Object>) m)
        : list.get(random.nextInt(list.size())));
    slot.set(list);
    return new Mutation("duplicate-entry", slot.path());
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object node, String path, String name, List<Slot> slots) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
        String child = FREE_FORM_MAPS.contains(name) ? path + "[" + entry.getKey() + "]"
            : path + "." + entry.getKey();
        slots.add(new Slot(map, entry.getKey(), child));
        collect(entry.getValue(), child, FREE_FORM_MAPS.contains(name) ? name : entry.getKey(), slots);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String child = path + "[" + i + "]";
        slots.add(new Slot(list, i, child));
        collect(list.get(i), child, name, slots);
      }
    }
  }

  private Object wrongType(Object value) {
    List<Object> choices = new ArrayList<>(List.of("string", 42, 3.5, true, new ArrayList<>(List.of("x")),
        new LinkedHashMap<>(Map.of("k", "v"))));
    choices.removeIf(c -> value != null && (c.getClass() == value.getClass()
        || c instanceof Map<?, ?> && value instanceof Map<?, ?> || c instanceof List<?> && value instanceof List<?>));
    return pick(choices);
  }

  private String invalidEnum(List<String> valid) {
    String one = pick(valid);
    return pick(List.of(one.toLowerCase(java.util.Locale.ROOT), one.toUpperCase(java.util.Locale.ROOT), one + " ",
        " " + one, "Windows2022", "gcp", "", one + "\u0000", String.join(",", valid)));
  }

  private Object hostileNumber() {
    return pick(List.of(-1, 0, 1, 9, 10, 11, 100, 101, 250, 251, 999, 1000, 1001, 10000, 10001, 86400, 86401,
        Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 2.5, -0.0, 1e300, "3"));
  }

  private String hostileString() {
    int roll = random.nextInt(4);
    if (roll == 0) {
      int length = pick(List.of(64, 65, 300, 1025, 5000, 70_000));
      StringBuilder text = new StringBuilder(length);
      String alphabet = random.nextBoolean() ? "abcdefghijklmnopqrstuvwxyz0123456789-" : "aé名😀\u0000\n ";
      while (text.length() < length) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return text.toString();
    }
    if (roll == 1) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(20);
      for (int i = 0; i < length; i++) {
        text.appendCodePoint(random.nextInt(100) < 30 ? random.nextInt(0x20) : 0x20 + random.nextInt(0x2FFFF));
      }
      return text.toString();
    }
    return pick(HOSTILE_STRINGS);
  }

  /** A spec of random fields, half of them named like the kind's real fields. */
  private Map<String, Object> randomSpec(String kind) {
    List<String> names = new ArrayList<>(List.of("clusterName", "provider", "region", "version", "replicas",
        "template", "autoscaling", "rollout", "taints", "nodeLabels", "cloudPoolName", "containerRegistries",
        "clusterAutoscaler", "sim", "aws", "azure", "paused", "mode", "x", "foo"));
    Map<String, Object> spec = new LinkedHashMap<>();
    int fields = random.nextInt(6);
    for (int i = 0; i < fields; i++) {
      spec.put(pick(names), randomValue(3));
    }
    return spec;
  }

  private Object randomValue(int depth) {
    int roll = random.nextInt(depth <= 0 ? 5 : 7);
    switch (roll) {
      case 0:
        return hostileString();
      case 1:
        return hostileNumber();
      case 2:
        return random.nextBoolean();
      case 3:
        return null;
      case 4:
        return pick(ENUMS.values().stream().flatMap(List::stream).toList());
      case 5: {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          list.add(randomValue(depth - 1));
        }
        return list;
      }
      default: {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          map.put(pick(List.of("machineType", "osImage", "minReplicas", "maxReplicas", "key", "effect", "id",
              "drainTimeout", "latencyProfile", "y")), randomValue(depth - 1));
        }
        return map;
      }
    }
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, copyValue(v)));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return copy((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(copyValue(v)));
      return copy;
    }
    return value;
  }
}
