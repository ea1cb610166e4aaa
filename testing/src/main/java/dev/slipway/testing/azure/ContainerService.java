package dev.slipway.testing.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Microsoft.ContainerService resource provider: managed clusters, their agent pools, the scale-set instances
 * behind them ({@code machines}) and the operations that change them. Every method is called with the fake's state
 * lock held. Time only moves through {@link #advance}: an operation accepted at t completes on the first request (or
 * test call) at or after t + its latency.
 */
final class ContainerService {

  /** The api-version AKS puts in the operation URLs it hands out. */
  static final String OPERATIONS_API_VERSION = "2016-03-30";
  private static final String RP = "Microsoft.ContainerService";
  private static final Set<String> TERMINAL = Set.of("Succeeded", "Failed", "Canceled");
  private static final Pattern CLUSTER_NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?");
  private static final Pattern DNS_PREFIX = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?");
  /** Properties the fake computes or interprets; the rest of a request's properties are stored and echoed. */
  private static final Set<String> INTERPRETED = Set.of("provisioningState", "powerState", "maxAgentPools",
      "kubernetesVersion", "currentKubernetesVersion", "dnsPrefix", "fqdn", "azurePortalFQDN", "privateFQDN",
      "agentPoolProfiles", "nodeResourceGroup", "autoScalerProfile", "identityProfile", "resourceUID");

  private final URI endpoint;
  private final Faults faults;
  private final String tenantId;
  private final String caPem;
  private final String clientCertificatePem;
  private final String clientKeyPem;
  private final Map<ClusterKey, ManagedCluster> clusters = new LinkedHashMap<>();
  private final Map<String, LongRunningOperation> operations = new HashMap<>();
  private final List<LongRunningOperation> running = new ArrayList<>();
  private final Map<ClusterKey, List<LongRunningOperation>> history = new LinkedHashMap<>();
  private final Map<ClusterKey, String> registeredKubeconfigs = new HashMap<>();
  private final Map<ClusterKey, Integer> credentialGenerations = new HashMap<>();
  private FakeArm.Latency latency = FakeArm.Latency.defaults();
  private Duration principalReplicationLag = Duration.ZERO;
  private int pageSize = 100;

  ContainerService(URI endpoint, Faults faults, String tenantId, String caPem, String clientCertificatePem,
      String clientKeyPem) {
    this.endpoint = endpoint;
    this.faults = faults;
    this.tenantId = tenantId;
    this.caPem = caPem;
    this.clientCertificatePem = clientCertificatePem;
    this.clientKeyPem = clientKeyPem;
  }

  void setLatency(FakeArm.Latency latency) {
    this.latency = latency;
  }

  FakeArm.Latency latency() {
    return latency;
  }

  void setPrincipalReplicationLag(Duration lag) {
    this.principalReplicationLag = lag;
  }

  void setPageSize(int pageSize) {
    this.pageSize = pageSize;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Time

  /** Completes, in order, every operation due at {@code now}. */
  void advance(Instant now) {
    while (true) {
      LongRunningOperation next = running.stream().filter(op -> !now.isBefore(op.due))
          .min(Comparator.comparing((LongRunningOperation op) -> op.due)).orElse(null);
      if (next == null) {
        return;
      }
      running.remove(next);
      complete(next);
    }
  }

  private void complete(LongRunningOperation op) {
    op.ended = op.due;
    ManagedCluster cluster = clusters.get(op.clusterKey);
    if (cluster != null && cluster.inFlight == op) {
      cluster.inFlight = null;
    }
    AgentPool pool = cluster == null || op.pool == null ? null : cluster.pool(op.pool);
    if (cluster == null || (op.pool != null && pool == null)) {
      end(op, "Canceled", "Canceled", "The " + op.target() + " was deleted while the operation ran.");
      return;
    }
    if (op.failureCode != null) {
      end(op, "Failed", op.failureCode, op.failureMessage);
      String[] error = {op.failureCode, op.failureMessage};
      if (pool != null) {
        pool.provisioningState = "Failed";
        pool.provisioningError = error;
      } else {
        cluster.provisioningState = "Failed";
        cluster.provisioningError = error;
        cluster.pools.values().stream().filter(p -> !TERMINAL.contains(p.provisioningState)).forEach(p -> {
          p.provisioningState = "Failed";
          p.provisioningError = error;
        });
      }
      return;
    }
    end(op, "Succeeded", null, null);
    switch (op.kind) {
      case DELETE_CLUSTER -> clusters.remove(cluster.key);
      case DELETE_POOL -> cluster.pools.remove(pool.name.toLowerCase(Locale.ROOT));
      case CREATE_POOL, UPDATE_POOL, SCALE_POOL, UPGRADE_POOL -> finishPool(cluster, pool);
      default -> {
        if (op.kind == OperationKind.ROTATE_CERTIFICATES) {
          credentialGenerations.merge(cluster.key, 1, Integer::sum);
        }
        cluster.provisioningState = "Succeeded";
        cluster.currentKubernetesVersion = KubernetesVersions.current(cluster.kubernetesVersion);
        cluster.eTag = newETag();
        if (cluster.principalsVisibleAt == null) {
          cluster.principalsVisibleAt = op.due.plus(principalReplicationLag);
        }
        cluster.pools.values().stream().filter(p -> !TERMINAL.contains(p.provisioningState))
            .forEach(p -> finishPool(cluster, p));
      }
    }
  }

  private static void end(LongRunningOperation op, String status, String code, String message) {
    op.status = status;
    op.errorCode = code;
    op.errorMessage = message;
  }

  private void finishPool(ManagedCluster cluster, AgentPool pool) {
    pool.provisioningState = "Succeeded";
    pool.currentOrchestratorVersion = KubernetesVersions.current(pool.settings.orchestratorVersion());
    PoolSettings s = pool.settings;
    if (s.autoScaling()) {
      int count = pool.autoscalerCount == null ? s.minCount()
          : Math.max(s.minCount(), Math.min(s.maxCount(), pool.autoscalerCount));
      pool.settings = s.withCount(count);
    } else {
      pool.autoscalerCount = null;
    }
    pool.eTag = newETag();
    reconcileInstances(cluster, pool);
  }

  /** Adds instances at the next ordinals or removes the highest ones until the scale set matches the count. */
  private static void reconcileInstances(ManagedCluster cluster, AgentPool pool) {
    List<String> zones = pool.settings.availabilityZones();
    while (pool.instances.size() < pool.settings.count()) {
      int ordinal = pool.nextOrdinal++;
      String zone = zones.isEmpty() ? null : zones.get(ordinal % zones.size());
      pool.instances.put(ordinal, new AgentPool.Instance(ordinal, zone, cluster.nextAddress()));
    }
    while (pool.instances.size() > pool.settings.count()) {
      pool.instances.pollLastEntry();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Routing

  /** Serves a Microsoft.ContainerService request, or answers null when the path is not one of its resources. */
  ArmResponse handle(ArmRequest r, Instant now) {
    if (r.matches("subscriptions", "*", "providers", RP, "locations", "*", "operations", "*")) {
      requireGet(r);
      return operationStatus(r.segment(1), r.segment(7));
    }
    if (r.matches("subscriptions", "*", "providers", RP, "locations", "*", "operationresults", "*")) {
      requireGet(r);
      return operationResult(r.segment(1), r.segment(7));
    }
    if (r.matches("subscriptions", "*", "providers", RP, "managedClusters")) {
      requireGet(r);
      return listClusters(r, r.segment(1), null);
    }
    if (!r.startsWith("subscriptions", "*", "resourceGroups", "*", "providers", RP, "managedClusters")) {
      return null;
    }
    String subscription = r.segment(1);
    String resourceGroup = r.segment(3);
    int size = r.segments().size();
    if (size == 7) {
      requireGet(r);
      return listClusters(r, subscription, resourceGroup);
    }
    String name = r.segment(7);
    ClusterKey key = ClusterKey.of(subscription, resourceGroup, name);
    if (size == 8) {
      return switch (r.method()) {
        case "GET" -> ArmResponse.ok(clusterBody(requireCluster(key, resourceGroup, name)));
        case "PUT" -> putCluster(r, subscription, resourceGroup, name, now);
        case "DELETE" -> deleteCluster(r, key, now);
        case "PATCH" -> patchClusterTags(r, requireCluster(key, resourceGroup, name));
        default -> throw r.methodNotAllowed();
      };
    }
    String child = r.segment(8);
    if (size == 9 && child.equalsIgnoreCase("listClusterAdminCredential")) {
      requirePost(r);
      return credentials(requireCluster(key, resourceGroup, name), true);
    }
    if (size == 9 && child.equalsIgnoreCase("listClusterUserCredential")) {
      requirePost(r);
      return credentials(requireCluster(key, resourceGroup, name), false);
    }
    if (size == 9 && child.equalsIgnoreCase("rotateClusterCertificates")) {
      requirePost(r);
      return rotateCertificates(r, requireCluster(key, resourceGroup, name), now);
    }
    if (!child.equalsIgnoreCase("agentPools")) {
      return null;
    }
    if (size == 9) {
      requireGet(r);
      ManagedCluster cluster = requireCluster(key, resourceGroup, name);
      return ArmResponse.ok(Pages.page(cluster.pools.values().stream().map(p -> (JsonElement) poolBody(cluster, p))
          .toList(), r, pageSize, endpoint));
    }
    String poolName = r.segment(9);
    if (size == 10) {
      return switch (r.method()) {
        case "GET" -> ArmResponse.ok(poolBody(requireCluster(key, resourceGroup, name),
            requirePool(requireCluster(key, resourceGroup, name), poolName)));
        case "PUT" -> putPool(r, requireCluster(key, resourceGroup, name), poolName, now);
        case "DELETE" -> deletePool(r, requireCluster(key, resourceGroup, name), poolName, now);
        default -> throw r.methodNotAllowed();
      };
    }
    if (!r.segment(10).equalsIgnoreCase("machines") || size > 12) {
      return null;
    }
    requireGet(r);
    ManagedCluster cluster = requireCluster(key, resourceGroup, name);
    AgentPool pool = requirePool(cluster, poolName);
    if (size == 11) {
      List<JsonElement> machines = pool.instances.values().stream()
          .map(i -> (JsonElement) machineBody(cluster, pool, i)).toList();
      return ArmResponse.ok(Pages.page(machines, r, pageSize, endpoint));
    }
    String machineName = r.segment(11);
    return pool.instances.values().stream()
        .filter(i -> NodeNames.nodeName(pool.scaleSetName, i.ordinal()).equalsIgnoreCase(machineName))
        .findFirst().map(i -> ArmResponse.ok(machineBody(cluster, pool, i)))
        .orElseThrow(() -> ArmException.notFound("NotFound", "Machine " + machineName + " not found in agent pool "
            + pool.name + "."));
  }

  private static void requireGet(ArmRequest r) {
    if (!r.method().equals("GET")) {
      throw r.methodNotAllowed();
    }
  }

  private static void requirePost(ArmRequest r) {
    if (!r.method().equals("POST")) {
      throw r.methodNotAllowed();
    }
  }

  private ManagedCluster requireCluster(ClusterKey key, String resourceGroup, String name) {
    ManagedCluster cluster = clusters.get(key);
    if (cluster == null) {
      throw ArmException.notFound("ResourceNotFound", "The Resource '" + RP + "/managedClusters/" + name
          + "' under resource group '" + resourceGroup + "' was not found. For more details please go to"
          + " https://aka.ms/ARMResourceNotFoundFix");
    }
    return cluster;
  }

  private static AgentPool requirePool(ManagedCluster cluster, String poolName) {
    AgentPool pool = cluster.pool(poolName);
    if (pool == null) {
      throw ArmException.notFound("ResourceNotFound", "The Resource '" + RP + "/managedClusters/" + cluster.name
          + "/agentPools/" + poolName + "' under resource group '" + cluster.resourceGroup + "' was not found.");
    }
    return pool;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Operations

  private ArmResponse operationStatus(String subscription, String id) {
    return ArmResponse.ok(operationBody(requireOperation(subscription, id)));
  }

  /** The Location poll: 202 while the operation runs, then 204 (200 with the status when it did not succeed). */
  private ArmResponse operationResult(String subscription, String id) {
    LongRunningOperation op = requireOperation(subscription, id);
    if (op.inProgress()) {
      return ArmResponse.of(202, null).withHeader("Location", operationUrl(op, "operationresults"));
    }
    return op.status.equals("Succeeded") ? ArmResponse.noContent() : ArmResponse.ok(operationBody(op));
  }

  private LongRunningOperation requireOperation(String subscription, String id) {
    LongRunningOperation op = operations.get(id.toLowerCase(Locale.ROOT));
    if (op == null || !op.subscription.equalsIgnoreCase(subscription)) {
      throw ArmException.notFound("NotFound", "Operation " + id + " was not found.");
    }
    return op;
  }

  private JsonObject operationBody(LongRunningOperation op) {
    JsonObject body = new JsonObject();
    body.addProperty("id", "/subscriptions/" + op.subscription + "/providers/" + RP + "/locations/" + op.location
        + "/operations/" + op.id);
    body.addProperty("name", op.id);
    body.addProperty("status", op.status);
    body.addProperty("startTime", op.started.toString());
    if (op.ended != null) {
      body.addProperty("endTime", op.ended.toString());
    }
    if (op.errorCode != null) {
      JsonObject error = new JsonObject();
      error.addProperty("code", op.errorCode);
      error.addProperty("message", op.errorMessage);
      body.add("error", error);
    }
    return body;
  }

  private String operationUrl(LongRunningOperation op, String collection) {
    return endpoint + "subscriptions/" + op.subscription + "/providers/" + RP + "/locations/" + op.location + "/"
        + collection + "/" + op.id + "?api-version=" + OPERATIONS_API_VERSION;
  }

  /** Refuses a mutation while any operation on the cluster or one of its pools runs (AKS: one at a time). */
  private static void checkNoOperationInFlight(ManagedCluster cluster) {
    LongRunningOperation op = cluster.inFlight;
    if (op != null) {
      throw ArmException.conflict("OperationNotAllowed", "Operation is not allowed because there's an in progress "
          + op.kind.description() + " operation on " + op.target() + " (operation id " + op.id + ") started at "
          + op.started + ". Please wait for it to finish before starting a new operation.");
    }
  }

  private LongRunningOperation start(OperationKind kind, ManagedCluster cluster, String pool, ArmRequest r,
      Instant now) {
    Faults.OperationFailure failure = faults.takeOperationFailure(r.path());
    LongRunningOperation op = new LongRunningOperation(UUID.randomUUID().toString(), kind, cluster, pool, now,
        now.plus(latency.of(kind)), failure == null ? null : failure.code(),
        failure == null ? null : failure.message());
    operations.put(op.id, op);
    running.add(op);
    history.computeIfAbsent(cluster.key, k -> new ArrayList<>()).add(op);
    cluster.inFlight = op;
    return op;
  }

  /** An accepted operation's answer: the status and body, with the Azure-AsyncOperation and Location to poll. */
  private ArmResponse accepted(int status, JsonElement body, LongRunningOperation op) {
    return ArmResponse.of(status, body)
        .withHeader("Azure-AsyncOperation", operationUrl(op, "operations"))
        .withHeader("Location", operationUrl(op, "operationresults"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Managed clusters

  private ArmResponse listClusters(ArmRequest r, String subscription, String resourceGroup) {
    List<JsonElement> items = clusters.values().stream()
        .filter(c -> c.subscription.equalsIgnoreCase(subscription))
        .filter(c -> resourceGroup == null || c.resourceGroup.equalsIgnoreCase(resourceGroup))
        .map(c -> (JsonElement) clusterBody(c)).toList();
    return ArmResponse.ok(Pages.page(items, r, pageSize, endpoint));
  }

  private ArmResponse putCluster(ArmRequest r, String subscription, String resourceGroup, String name,
      Instant now) {
    if (!CLUSTER_NAME.matcher(name).matches()) {
      throw ArmException.invalidParameter("name", "The managed cluster name '" + name + "' is invalid: 1-63"
          + " letters, digits, underscores and hyphens, starting and ending with a letter or digit.");
    }
    JsonObject body = r.json();
    ManagedCluster existing = clusters.get(ClusterKey.of(subscription, resourceGroup, name));
    checkPreconditions(r, existing == null ? null : existing.eTag);
    return existing == null ? createCluster(r, body, subscription, resourceGroup, name, now)
        : updateCluster(r, body, existing, now);
  }

  private ArmResponse createCluster(ArmRequest r, JsonObject body, String subscription, String resourceGroup,
      String name, Instant now) {
    String requestedLocation = JsonFields.string(body, "location");
    if (requestedLocation == null || requestedLocation.isBlank()) {
      throw ArmException.badRequest("LocationRequired", "The location property is required for this definition.");
    }
    String location = normalizeLocation(requestedLocation);
    JsonObject properties = JsonFields.object(body, "properties");
    properties = properties == null ? new JsonObject() : properties;
    String kubernetesVersion = JsonFields.string(properties, "kubernetesVersion");
    kubernetesVersion = kubernetesVersion == null ? KubernetesVersions.DEFAULT : kubernetesVersion;
    KubernetesVersions.parse(kubernetesVersion, "kubernetesVersion");
    JsonElement profiles = JsonFields.field(properties, "agentPoolProfiles");
    if (profiles == null || !profiles.isJsonArray() || profiles.getAsJsonArray().isEmpty()) {
      throw ArmException.invalidParameter("properties.agentPoolProfiles", "A managed cluster needs"
          + " properties.agentPoolProfiles with at least one agent pool of mode System.");
    }
    Map<String, PoolSettings> pools = new LinkedHashMap<>();
    for (JsonElement profile : profiles.getAsJsonArray()) {
      if (!profile.isJsonObject()) {
        throw ArmException.invalidParameter("properties.agentPoolProfiles", "Each agent pool profile must be an"
            + " object.");
      }
      String poolName = JsonFields.string(profile.getAsJsonObject(), "name");
      PoolSettings settings = AgentPoolRules.forCreate(poolName,
          PoolSettings.fromJson(profile.getAsJsonObject()), kubernetesVersion);
      if (pools.put(poolName, settings) != null) {
        throw ArmException.invalidParameter("properties.agentPoolProfiles", "Agent pool names must be unique: '"
            + poolName + "' appears twice.");
      }
    }
    if (pools.values().stream().noneMatch(PoolSettings::system)) {
      throw ArmException.invalidParameter("properties.agentPoolProfiles", "A managed cluster needs at least one"
          + " agent pool with mode System.");
    }
    JsonObject autoScalerProfile = AutoScalerProfiles.withDefaults(JsonFields.object(properties,
        "autoScalerProfile"));
    String dnsPrefix = JsonFields.string(properties, "dnsPrefix");
    if (dnsPrefix == null) {
      dnsPrefix = defaultDnsPrefix(subscription, resourceGroup, name);
    } else if (!DNS_PREFIX.matcher(dnsPrefix).matches()) {
      throw ArmException.invalidParameter("properties.dnsPrefix", "The value of parameter dnsPrefix is invalid: '"
          + dnsPrefix + "'. 1-54 letters, digits and hyphens, starting and ending with a letter or digit.");
    }
    String nodeResourceGroup = JsonFields.string(properties, "nodeResourceGroup");
    if (nodeResourceGroup == null) {
      nodeResourceGroup = NodeNames.nodeResourceGroup(resourceGroup, name, location);
    }
    JsonObject identityRequest = JsonFields.object(body, "identity");
    String identityType = identityRequest == null ? "SystemAssigned"
        : or(JsonFields.string(identityRequest, "type"), "SystemAssigned");
    JsonObject identity = new JsonObject();
    identity.addProperty("type", identityType);
    String principalId = UUID.randomUUID().toString();
    if (identityType.equals("SystemAssigned")) {
      identity.addProperty("principalId", principalId);
      identity.addProperty("tenantId", tenantId);
    } else if (identityType.equals("UserAssigned")) {
      JsonObject requested = JsonFields.object(identityRequest, "userAssignedIdentities");
      if (requested == null || requested.isEmpty()) {
        throw ArmException.invalidParameter("identity.userAssignedIdentities", "A UserAssigned identity needs"
            + " identity.userAssignedIdentities.");
      }
      JsonObject assigned = new JsonObject();
      boolean first = true;
      for (String resourceId : requested.keySet()) {
        JsonObject value = new JsonObject();
        value.addProperty("principalId", first ? principalId : UUID.randomUUID().toString());
        value.addProperty("clientId", UUID.randomUUID().toString());
        assigned.add(resourceId, value);
        first = false;
      }
      identity.add("userAssignedIdentities", assigned);
    } else {
      throw ArmException.invalidParameter("identity.type", "The value of parameter identity.type is invalid: '"
          + identityType + "'. Allowed values: SystemAssigned, UserAssigned.");
    }
    ClusterKey key = ClusterKey.of(subscription, resourceGroup, name);
    ManagedCluster cluster = new ManagedCluster(key, subscription, resourceGroup, name, location, nodeResourceGroup,
        dnsPrefix, UUID.randomUUID().toString().substring(0, 8), identityType, identity, principalId, tenantId,
        UUID.randomUUID().toString(), UUID.randomUUID().toString(),
        UUID.randomUUID().toString().replace("-", "").substring(0, 24));
    JsonObject sku = JsonFields.object(body, "sku");
    cluster.sku = sku != null ? sku.deepCopy() : defaultSku();
    cluster.tags = or(JsonFields.stringMap(body, "tags"), Map.of());
    cluster.kubernetesVersion = kubernetesVersion;
    cluster.currentKubernetesVersion = KubernetesVersions.current(kubernetesVersion);
    cluster.autoScalerProfile = autoScalerProfile;
    cluster.otherProperties = defaultOtherProperties();
    mergeOtherProperties(cluster, properties);
    cluster.eTag = newETag();
    pools.forEach((poolName, settings) -> cluster.pools.put(poolName.toLowerCase(Locale.ROOT),
        newPool(cluster, poolName, settings, "Creating")));
    clusters.put(key, cluster);
    LongRunningOperation op = start(OperationKind.CREATE_CLUSTER, cluster, null, r, now);
    cluster.provisioningState = op.kind.provisioningState();
    return accepted(201, clusterBody(cluster), op);
  }

  private ArmResponse updateCluster(ArmRequest r, JsonObject body, ManagedCluster cluster, Instant now) {
    String location = JsonFields.string(body, "location");
    if (location != null && !normalizeLocation(location).equals(cluster.location)) {
      throw new ArmException(400, "PropertyChangeNotAllowed", "Changing property 'location' is not allowed.",
          "location");
    }
    JsonObject properties = JsonFields.object(body, "properties");
    properties = properties == null ? new JsonObject() : properties;
    String dnsPrefix = JsonFields.string(properties, "dnsPrefix");
    if (dnsPrefix != null && !dnsPrefix.equals(cluster.dnsPrefix)) {
      throw new ArmException(400, "PropertyChangeNotAllowed", "Changing property 'dnsPrefix' is not allowed.",
          "properties.dnsPrefix");
    }
    String nodeResourceGroup = JsonFields.string(properties, "nodeResourceGroup");
    if (nodeResourceGroup != null && !nodeResourceGroup.equalsIgnoreCase(cluster.nodeResourceGroup)) {
      throw new ArmException(400, "PropertyChangeNotAllowed", "Changing property 'nodeResourceGroup' is not"
          + " allowed.", "properties.nodeResourceGroup");
    }
    String kubernetesVersion = or(JsonFields.string(properties, "kubernetesVersion"), cluster.kubernetesVersion);
    boolean upgrade = !KubernetesVersions.unchanged(cluster.currentKubernetesVersion, kubernetesVersion);
    if (upgrade) {
      KubernetesVersions.checkUpgrade(cluster.currentKubernetesVersion, kubernetesVersion, "kubernetesVersion",
          true);
    }
    String controlPlane = upgrade ? kubernetesVersion : cluster.currentKubernetesVersion;
    Map<String, PoolSettings> changed = new LinkedHashMap<>();
    Map<String, String> states = new HashMap<>();
    JsonElement profiles = JsonFields.field(properties, "agentPoolProfiles");
    if (profiles != null) {
      if (!profiles.isJsonArray()) {
        throw ArmException.invalidParameter("properties.agentPoolProfiles", "agentPoolProfiles must be an array.");
      }
      for (JsonElement profile : profiles.getAsJsonArray()) {
        if (!profile.isJsonObject()) {
          throw ArmException.invalidParameter("properties.agentPoolProfiles", "Each agent pool profile must be an"
              + " object.");
        }
        String poolName = JsonFields.string(profile.getAsJsonObject(), "name");
        PoolSettings requested = PoolSettings.fromJson(profile.getAsJsonObject());
        AgentPool pool = poolName == null ? null : cluster.pool(poolName);
        if (pool == null) {
          changed.put(poolName, AgentPoolRules.forCreate(poolName, requested, controlPlane));
          states.put(poolName, "Creating");
        } else {
          PoolSettings updated = AgentPoolRules.forUpdate(pool.settings, pool.currentOrchestratorVersion, requested,
              controlPlane);
          changed.put(pool.name, updated);
          states.put(pool.name, poolState(AgentPoolRules.classify(pool.settings, pool.currentOrchestratorVersion,
              updated)));
        }
      }
    }
    boolean systemPoolRemains = cluster.pools.values().stream()
        .anyMatch(p -> changed.containsKey(p.name) ? changed.get(p.name).system() : p.settings.system())
        || changed.values().stream().anyMatch(PoolSettings::system);
    if (!systemPoolRemains) {
      throw lastSystemPool("switch the last System agent pool to User");
    }
    JsonObject requestedProfile = JsonFields.object(properties, "autoScalerProfile");
    JsonObject autoScalerProfile = requestedProfile == null ? cluster.autoScalerProfile
        : AutoScalerProfiles.withDefaults(requestedProfile);
    checkNoOperationInFlight(cluster);
    cluster.kubernetesVersion = kubernetesVersion;
    cluster.autoScalerProfile = autoScalerProfile;
    Map<String, String> tags = JsonFields.stringMap(body, "tags");
    if (tags != null) {
      cluster.tags = tags;
    }
    JsonObject sku = JsonFields.object(body, "sku");
    if (sku != null) {
      cluster.sku = sku.deepCopy();
    }
    mergeOtherProperties(cluster, properties);
    changed.forEach((poolName, settings) -> {
      AgentPool pool = cluster.pool(poolName);
      if (pool == null) {
        cluster.pools.put(poolName.toLowerCase(Locale.ROOT), newPool(cluster, poolName, settings,
            states.get(poolName)));
      } else {
        pool.settings = settings;
        pool.provisioningState = states.get(poolName);
        pool.eTag = newETag();
      }
    });
    cluster.eTag = newETag();
    LongRunningOperation op = start(upgrade ? OperationKind.UPGRADE_CLUSTER : OperationKind.UPDATE_CLUSTER, cluster,
        null, r, now);
    cluster.provisioningState = op.kind.provisioningState();
    return accepted(200, clusterBody(cluster), op);
  }

  private ArmResponse deleteCluster(ArmRequest r, ClusterKey key, Instant now) {
    ManagedCluster cluster = clusters.get(key);
    if (cluster == null) {
      return ArmResponse.noContent();
    }
    checkNoOperationInFlight(cluster);
    LongRunningOperation op = start(OperationKind.DELETE_CLUSTER, cluster, null, r, now);
    cluster.provisioningState = op.kind.provisioningState();
    cluster.pools.values().forEach(p -> p.provisioningState = "Deleting");
    return accepted(202, null, op);
  }

  /** {@code PATCH} of a cluster's tags, which AKS applies at once. */
  private ArmResponse patchClusterTags(ArmRequest r, ManagedCluster cluster) {
    Map<String, String> tags = JsonFields.stringMap(r.json(), "tags");
    checkNoOperationInFlight(cluster);
    cluster.tags = tags == null ? Map.of() : tags;
    cluster.eTag = newETag();
    return ArmResponse.ok(clusterBody(cluster));
  }

  private ArmResponse credentials(ManagedCluster cluster, boolean admin) {
    if (cluster.inFlight != null && cluster.inFlight.kind == OperationKind.CREATE_CLUSTER) {
      throw ArmException.conflict("OperationNotAllowed", "Operation is not allowed because there's an in progress"
          + " create managed cluster operation on managed cluster " + cluster.name + " started at "
          + cluster.inFlight.started + ": its credentials exist once it is created. Please wait for it to finish.");
    }
    JsonElement disableLocal = cluster.otherProperties.get("disableLocalAccounts");
    if (admin && disableLocal != null && disableLocal.isJsonPrimitive() && disableLocal.getAsBoolean()) {
      throw ArmException.badRequest("BadRequest", "Getting static credential is not allowed because this cluster is"
          + " set to disable local accounts.");
    }
    int generation = credentialGenerations.getOrDefault(cluster.key, 0);
    String registered = registeredKubeconfigs.get(cluster.key);
    String kubeconfig = registered != null ? Kubeconfigs.rotated(registered, generation)
        : Kubeconfigs.render(cluster, admin, generation, caPem, clientCertificatePem, clientKeyPem);
    JsonObject credential = new JsonObject();
    credential.addProperty("name", admin ? "clusterAdmin" : "clusterUser");
    credential.addProperty("value", Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)));
    JsonArray kubeconfigs = new JsonArray();
    kubeconfigs.add(credential);
    JsonObject body = new JsonObject();
    body.add("kubeconfigs", kubeconfigs);
    return ArmResponse.ok(body);
  }

  private ArmResponse rotateCertificates(ArmRequest r, ManagedCluster cluster, Instant now) {
    checkNoOperationInFlight(cluster);
    LongRunningOperation op = start(OperationKind.ROTATE_CERTIFICATES, cluster, null, r, now);
    cluster.provisioningState = op.kind.provisioningState();
    return accepted(202, null, op);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Agent pools

  private ArmResponse putPool(ArmRequest r, ManagedCluster cluster, String poolName, Instant now) {
    JsonObject body = r.json();
    JsonObject properties = JsonFields.object(body, "properties");
    PoolSettings requested = PoolSettings.fromJson(properties);
    AgentPool pool = cluster.pool(poolName);
    checkPreconditions(r, pool == null ? null : pool.eTag);
    if (pool == null) {
      PoolSettings settings = AgentPoolRules.forCreate(poolName, requested, cluster.kubernetesVersion);
      checkNoOperationInFlight(cluster);
      AgentPool created = newPool(cluster, poolName, settings, "Creating");
      cluster.pools.put(poolName.toLowerCase(Locale.ROOT), created);
      LongRunningOperation op = start(OperationKind.CREATE_POOL, cluster, created.name, r, now);
      return accepted(201, poolBody(cluster, created), op);
    }
    PoolSettings updated = AgentPoolRules.forUpdate(pool.settings, pool.currentOrchestratorVersion, requested,
        cluster.currentKubernetesVersion);
    if (pool.settings.system() && !updated.system() && cluster.systemPools() == 1) {
      throw lastSystemPool("switch the last System agent pool to User");
    }
    checkNoOperationInFlight(cluster);
    AgentPoolRules.Change change = AgentPoolRules.classify(pool.settings, pool.currentOrchestratorVersion, updated);
    OperationKind kind = switch (change) {
      case UPGRADE -> OperationKind.UPGRADE_POOL;
      case SCALE -> OperationKind.SCALE_POOL;
      case UPDATE -> OperationKind.UPDATE_POOL;
    };
    pool.settings = updated;
    pool.provisioningState = kind.provisioningState();
    pool.eTag = newETag();
    LongRunningOperation op = start(kind, cluster, pool.name, r, now);
    return accepted(200, poolBody(cluster, pool), op);
  }

  private ArmResponse deletePool(ArmRequest r, ManagedCluster cluster, String poolName, Instant now) {
    AgentPool pool = cluster.pool(poolName);
    if (pool == null) {
      return ArmResponse.noContent();
    }
    checkPreconditions(r, pool.eTag);
    if (pool.settings.system() && cluster.systemPools() == 1) {
      throw lastSystemPool("delete the last System agent pool");
    }
    checkNoOperationInFlight(cluster);
    LongRunningOperation op = start(OperationKind.DELETE_POOL, cluster, pool.name, r, now);
    pool.provisioningState = op.kind.provisioningState();
    return accepted(202, null, op);
  }

  private static ArmException lastSystemPool(String action) {
    return new ArmException(400, "OperationNotAllowed", "Cannot " + action + ": AKS needs at least one agent pool"
        + " of mode System in a managed cluster.", "mode");
  }

  private AgentPool newPool(ManagedCluster cluster, String poolName, PoolSettings settings, String state) {
    AgentPool pool = new AgentPool(poolName, NodeNames.scaleSetName(poolName, cluster.scaleSetDigits), settings);
    pool.provisioningState = state;
    pool.currentOrchestratorVersion = KubernetesVersions.current(settings.orchestratorVersion());
    pool.eTag = newETag();
    return pool;
  }

  private static String poolState(AgentPoolRules.Change change) {
    return switch (change) {
      case UPGRADE -> OperationKind.UPGRADE_POOL.provisioningState();
      case SCALE -> OperationKind.SCALE_POOL.provisioningState();
      case UPDATE -> OperationKind.UPDATE_POOL.provisioningState();
    };
  }

  /** {@code If-Match} (the current eTag or {@code *}) and {@code If-None-Match: *}; 412 when they do not hold. */
  private static void checkPreconditions(ArmRequest r, String currentETag) {
    String ifMatch = r.header("If-Match");
    String ifNoneMatch = r.header("If-None-Match");
    boolean matchFails = ifMatch != null
        && (currentETag == null || !(ifMatch.equals("*") || unquote(ifMatch).equals(currentETag)));
    boolean noneMatchFails = ifNoneMatch != null && currentETag != null
        && (ifNoneMatch.equals("*") || unquote(ifNoneMatch).equals(currentETag));
    if (matchFails || noneMatchFails) {
      throw new ArmException(412, "PreconditionFailed", "The request precondition (If-Match/If-None-Match) was not"
          + " met: the resource's eTag is " + currentETag + ".", null);
    }
  }

  private static String unquote(String eTag) {
    return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
        ? eTag.substring(1, eTag.length() - 1) : eTag;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Bodies

  private JsonObject clusterBody(ManagedCluster c) {
    JsonObject body = new JsonObject();
    body.addProperty("id", c.id());
    body.addProperty("location", c.location);
    body.addProperty("name", c.name);
    body.add("tags", JsonFields.object(c.tags));
    body.addProperty("type", "Microsoft.ContainerService/ManagedClusters");
    body.addProperty("eTag", c.eTag);
    body.addProperty("kind", "Base");
    body.add("sku", c.sku.deepCopy());
    body.add("identity", c.identity.deepCopy());
    JsonObject p = c.otherProperties.deepCopy();
    p.addProperty("provisioningState", c.provisioningState);
    addProvisioningError(p, c.provisioningState, c.provisioningError);
    p.add("powerState", running());
    p.addProperty("kubernetesVersion", c.kubernetesVersion);
    p.addProperty("currentKubernetesVersion", c.currentKubernetesVersion);
    p.addProperty("dnsPrefix", c.dnsPrefix);
    p.addProperty("fqdn", c.fqdn);
    p.addProperty("azurePortalFQDN", c.portalFqdn);
    JsonArray profiles = new JsonArray();
    for (AgentPool pool : c.pools.values()) {
      JsonObject profile = new JsonObject();
      profile.addProperty("name", pool.name);
      poolProperties(pool).entrySet().forEach(e -> profile.add(e.getKey(), e.getValue()));
      profiles.add(profile);
    }
    p.add("agentPoolProfiles", profiles);
    p.addProperty("nodeResourceGroup", c.nodeResourceGroup);
    p.addProperty("maxAgentPools", 100);
    p.add("autoScalerProfile", c.autoScalerProfile.deepCopy());
    JsonObject kubelet = new JsonObject();
    kubelet.addProperty("resourceId", c.kubeletIdentityResourceId());
    kubelet.addProperty("clientId", c.kubeletClientId);
    kubelet.addProperty("objectId", c.kubeletObjectId);
    JsonObject identityProfile = new JsonObject();
    identityProfile.add("kubeletidentity", kubelet);
    p.add("identityProfile", identityProfile);
    p.addProperty("resourceUID", c.resourceUid);
    body.add("properties", p);
    return body;
  }

  private JsonObject poolBody(ManagedCluster cluster, AgentPool pool) {
    JsonObject body = new JsonObject();
    body.addProperty("id", cluster.id() + "/agentPools/" + pool.name);
    body.addProperty("name", pool.name);
    body.addProperty("type", "Microsoft.ContainerService/managedClusters/agentPools");
    body.add("properties", poolProperties(pool));
    return body;
  }

  private static JsonObject poolProperties(AgentPool pool) {
    JsonObject p = new JsonObject();
    p.addProperty("eTag", pool.eTag);
    pool.settings.writeTo(p);
    p.addProperty("provisioningState", pool.provisioningState);
    addProvisioningError(p, pool.provisioningState, pool.provisioningError);
    p.add("powerState", running());
    p.addProperty("currentOrchestratorVersion", pool.currentOrchestratorVersion);
    p.addProperty("nodeImageVersion", pool.nodeImageVersion());
    return p;
  }

  /**
   * {@code status.provisioningError}, as AKS reports the error of the operation that left a resource Failed (shown
   * only while it is Failed: the next operation replaces the state).
   */
  private static void addProvisioningError(JsonObject properties, String state, String[] error) {
    if (!"Failed".equals(state) || error == null) {
      return;
    }
    JsonObject provisioningError = new JsonObject();
    provisioningError.addProperty("code", error[0]);
    provisioningError.addProperty("message", error[1]);
    JsonObject status = new JsonObject();
    status.add("provisioningError", provisioningError);
    properties.add("status", status);
  }

  private static JsonObject machineBody(ManagedCluster cluster, AgentPool pool, AgentPool.Instance instance) {
    String nodeName = NodeNames.nodeName(pool.scaleSetName, instance.ordinal());
    JsonObject body = new JsonObject();
    body.addProperty("id", cluster.id() + "/agentPools/" + pool.name + "/machines/" + nodeName);
    body.addProperty("name", nodeName);
    body.addProperty("type", "Microsoft.ContainerService/managedClusters/agentPools/machines");
    if (instance.zone() != null) {
      JsonArray zones = new JsonArray();
      zones.add(instance.zone());
      body.add("zones", zones);
    }
    JsonObject address = new JsonObject();
    address.addProperty("family", "IPv4");
    address.addProperty("ip", instance.ip());
    JsonArray addresses = new JsonArray();
    addresses.add(address);
    JsonObject network = new JsonObject();
    network.add("ipAddresses", addresses);
    JsonObject properties = new JsonObject();
    properties.add("network", network);
    properties.addProperty("resourceId", NodeNames.instanceResourceId(cluster.subscription,
        cluster.nodeResourceGroup, pool.scaleSetName, instance.ordinal()));
    body.add("properties", properties);
    return body;
  }

  private static JsonObject running() {
    JsonObject powerState = new JsonObject();
    powerState.addProperty("code", "Running");
    return powerState;
  }

  private static JsonObject defaultSku() {
    JsonObject sku = new JsonObject();
    sku.addProperty("name", "Base");
    sku.addProperty("tier", "Free");
    return sku;
  }

  /** What AKS fills in when a create request leaves these out (Azure CNI overlay is its default network). */
  private static JsonObject defaultOtherProperties() {
    JsonObject p = new JsonObject();
    p.addProperty("enableRBAC", true);
    p.addProperty("supportPlan", "KubernetesOfficial");
    JsonObject network = new JsonObject();
    network.addProperty("networkPlugin", "azure");
    network.addProperty("networkPluginMode", "overlay");
    network.addProperty("podCidr", "10.244.0.0/16");
    network.addProperty("serviceCidr", "10.0.0.0/16");
    network.addProperty("dnsServiceIP", "10.0.0.10");
    network.addProperty("outboundType", "loadBalancer");
    network.addProperty("loadBalancerSku", "standard");
    p.add("networkProfile", network);
    return p;
  }

  /** Stores a request's uninterpreted properties: given ones replace the stored ones, omitted ones stay. */
  private static void mergeOtherProperties(ManagedCluster cluster, JsonObject properties) {
    properties.entrySet().stream().filter(e -> !INTERPRETED.contains(e.getKey()))
        .forEach(e -> cluster.otherProperties.add(e.getKey(), e.getValue().deepCopy()));
  }

  private static String defaultDnsPrefix(String subscription, String resourceGroup, String name) {
    String prefix = cut(name, 10) + "-" + cut(resourceGroup, 16) + "-" + cut(subscription, 6);
    return prefix.replaceAll("[^a-zA-Z0-9-]", "-");
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }

  /** ARM's normal form of a location: "West Europe" is {@code westeurope}. */
  static String normalizeLocation(String location) {
    return location.toLowerCase(Locale.ROOT).replace(" ", "");
  }

  private static String newETag() {
    return UUID.randomUUID().toString();
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // What other parts of the fake and the tests see

  boolean clusterExists(String subscription, String resourceGroup, String name) {
    return clusters.containsKey(ClusterKey.of(subscription, resourceGroup, name));
  }

  /** Whether a cluster identity (control plane or kubelet) with this object id is visible in the directory. */
  boolean principalVisible(String objectId, Instant now) {
    return clusters.values().stream().anyMatch(c -> c.principalsVisibleAt != null
        && !now.isBefore(c.principalsVisibleAt)
        && (c.kubeletObjectId.equalsIgnoreCase(objectId) || c.principalId.equalsIgnoreCase(objectId)));
  }

  List<ClusterSnapshot> clusters() {
    return clusters.values().stream().map(c -> {
      Map<String, String> profile = new LinkedHashMap<>();
      c.autoScalerProfile.entrySet().forEach(e -> profile.put(e.getKey(), e.getValue().getAsString()));
      return new ClusterSnapshot(c.subscription, c.resourceGroup, c.name, c.location, c.provisioningState,
          c.kubernetesVersion, c.currentKubernetesVersion, c.nodeResourceGroup, c.fqdn, c.principalId,
          c.kubeletClientId, c.kubeletObjectId, Map.copyOf(profile),
          c.pools.values().stream().map(p -> p.name).toList());
    }).toList();
  }

  List<AgentPoolSnapshot> agentPools(String subscription, String resourceGroup, String clusterName) {
    ManagedCluster cluster = clusters.get(ClusterKey.of(subscription, resourceGroup, clusterName));
    if (cluster == null) {
      return List.of();
    }
    return cluster.pools.values().stream().map(p -> {
      PoolSettings s = p.settings;
      return new AgentPoolSnapshot(cluster.subscription, cluster.resourceGroup, cluster.name, p.name,
          p.provisioningState, s.mode(), s.count(), s.vmSize(), s.osSku(), s.orchestratorVersion(),
          p.currentOrchestratorVersion, s.scaleSetPriority(), s.autoScaling(), s.minCount(), s.maxCount(),
          s.availabilityZones(), s.nodeLabels(), s.nodeTaints(), p.scaleSetName, p.instances.size());
    }).toList();
  }

  List<Machine> machines() {
    List<Machine> machines = new ArrayList<>();
    for (ManagedCluster c : clusters.values()) {
      for (AgentPool p : c.pools.values()) {
        PoolSettings s = p.settings;
        for (AgentPool.Instance i : p.instances.values()) {
          machines.add(new Machine(c.subscription, c.resourceGroup, c.name, c.location, p.name, s.mode(),
              p.scaleSetName, i.ordinal(), NodeNames.nodeName(p.scaleSetName, i.ordinal()),
              NodeNames.instanceResourceId(c.subscription, c.nodeResourceGroup, p.scaleSetName, i.ordinal()),
              NodeNames.providerId(c.subscription, c.nodeResourceGroup, p.scaleSetName, i.ordinal()), i.zone(),
              i.ip(), s.nodeLabels(), s.nodeTaints(), p.currentOrchestratorVersion, s.vmSize(), s.osSku(),
              s.scaleSetPriority(), c.nodeResourceGroup));
        }
      }
    }
    return List.copyOf(machines);
  }

  List<OperationRecord> inFlightOperations() {
    return running.stream().sorted(Comparator.comparing((LongRunningOperation op) -> op.started))
        .map(LongRunningOperation::record).toList();
  }

  List<OperationRecord> operationHistory(String subscription, String resourceGroup, String clusterName) {
    return history.getOrDefault(ClusterKey.of(subscription, resourceGroup, clusterName), List.of()).stream()
        .map(LongRunningOperation::record).toList();
  }

  void registerKubeconfig(String subscription, String resourceGroup, String clusterName, String yaml) {
    registeredKubeconfigs.put(ClusterKey.of(subscription, resourceGroup, clusterName), yaml);
  }

  void rotateCredentials(String subscription, String resourceGroup, String clusterName) {
    credentialGenerations.merge(ClusterKey.of(subscription, resourceGroup, clusterName), 1, Integer::sum);
  }

  /** Someone else deleted the cluster: it is gone at once; an operation on it ends Canceled. */
  void deleteClusterOutOfBand(String subscription, String resourceGroup, String clusterName) {
    if (clusters.remove(ClusterKey.of(subscription, resourceGroup, clusterName)) == null) {
      throw new IllegalArgumentException("no managed cluster " + subscription + "/" + resourceGroup + "/"
          + clusterName);
    }
  }

  /** Someone else deleted the pool: it and its instances are gone at once; an operation on it ends Canceled. */
  void deletePoolOutOfBand(String subscription, String resourceGroup, String clusterName, String poolName) {
    ManagedCluster cluster = testCluster(subscription, resourceGroup, clusterName);
    testPool(cluster, poolName);
    cluster.pools.remove(poolName.toLowerCase(Locale.ROOT));
  }

  /** Someone else scaled the pool: the count and the instances change at once, without an operation. */
  void scalePoolOutOfBand(String subscription, String resourceGroup, String clusterName, String poolName,
      int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    ManagedCluster cluster = testCluster(subscription, resourceGroup, clusterName);
    AgentPool pool = testPool(cluster, poolName);
    pool.settings = pool.settings.withCount(count);
    reconcileInstances(cluster, pool);
  }

  /** The cluster autoscaler decided on a count: applied at once, and kept by later operations on the pool. */
  void setAutoscalerCount(String subscription, String resourceGroup, String clusterName, String poolName,
      int count) {
    ManagedCluster cluster = testCluster(subscription, resourceGroup, clusterName);
    AgentPool pool = testPool(cluster, poolName);
    PoolSettings s = pool.settings;
    if (!s.autoScaling()) {
      throw new IllegalStateException("agent pool " + poolName + " does not have enableAutoScaling");
    }
    if (count < s.minCount() || count > s.maxCount()) {
      throw new IllegalArgumentException("the autoscaler keeps agent pool " + poolName + " between "
          + s.minCount() + " and " + s.maxCount() + "; " + count + " is outside");
    }
    pool.autoscalerCount = count;
    pool.settings = s.withCount(count);
    reconcileInstances(cluster, pool);
  }

  private ManagedCluster testCluster(String subscription, String resourceGroup, String clusterName) {
    ManagedCluster cluster = clusters.get(ClusterKey.of(subscription, resourceGroup, clusterName));
    if (cluster == null) {
      throw new IllegalArgumentException("no managed cluster " + subscription + "/" + resourceGroup + "/"
          + clusterName);
    }
    return cluster;
  }

  private static AgentPool testPool(ManagedCluster cluster, String poolName) {
    AgentPool pool = cluster.pool(poolName);
    if (pool == null) {
      throw new IllegalArgumentException("no agent pool " + poolName + " in managed cluster " + cluster.name);
    }
    return pool;
  }
}
