package dev.slipway.testing.azure;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A managed cluster: its control plane, identities and agent pools. Mutable; guarded by the fake's state lock.
 * {@code kubernetesVersion} is the goal, {@code currentKubernetesVersion} what runs.
 */
final class ManagedCluster {

  final ClusterKey key;
  final String subscription;
  /** As the creating request spelled them; ARM compares them case-insensitively but returns them as created. */
  final String resourceGroup;
  final String name;
  final String location;
  final String nodeResourceGroup;
  final String scaleSetDigits;
  final String dnsPrefix;
  final String fqdn;
  final String portalFqdn;
  final String resourceUid;
  final String identityType;
  final String principalId;
  final String tenantId;
  final String kubeletClientId;
  final String kubeletObjectId;
  /** The request's {@code identity} with the server-filled ids, echoed back. */
  final JsonObject identity;
  JsonObject sku;
  String eTag;
  Map<String, String> tags;
  String kubernetesVersion;
  String currentKubernetesVersion;
  String provisioningState;
  /** The error of the operation that left the cluster Failed (code, message), shown while it is Failed. */
  String[] provisioningError;
  JsonObject autoScalerProfile;
  /** Properties the fake does not interpret (networkProfile, addonProfiles, ...), echoed back. */
  JsonObject otherProperties;
  /** When the cluster's identities became visible to role assignments (first success plus the replication lag). */
  Instant principalsVisibleAt;
  LongRunningOperation inFlight;
  final Map<String, AgentPool> pools = new LinkedHashMap<>();
  private int nextAddress = 4;

  ManagedCluster(ClusterKey key, String subscription, String resourceGroup, String name, String location,
      String nodeResourceGroup, String dnsPrefix, String hash, String identityType, JsonObject identity,
      String principalId, String tenantId, String kubeletClientId, String kubeletObjectId, String resourceUid) {
    this.key = key;
    this.subscription = subscription;
    this.resourceGroup = resourceGroup;
    this.name = name;
    this.location = location;
    this.nodeResourceGroup = nodeResourceGroup;
    this.scaleSetDigits = NodeNames.scaleSetDigits(subscription, resourceGroup, name);
    this.dnsPrefix = dnsPrefix;
    this.fqdn = dnsPrefix + "-" + hash + ".hcp." + location + ".azmk8s.io";
    this.portalFqdn = dnsPrefix + "-" + hash + ".portal.hcp." + location + ".azmk8s.io";
    this.identityType = identityType;
    this.identity = identity;
    this.principalId = principalId;
    this.tenantId = tenantId;
    this.kubeletClientId = kubeletClientId;
    this.kubeletObjectId = kubeletObjectId;
    this.resourceUid = resourceUid;
  }

  AgentPool pool(String poolName) {
    return pools.get(poolName.toLowerCase(Locale.ROOT));
  }

  /** The next node address in the cluster's default subnet (10.224.0.0/16, as AKS's managed VNet uses). */
  String nextAddress() {
    int n = nextAddress++;
    return "10.224." + (n / 256) + "." + (n % 256);
  }

  String kubeletIdentityResourceId() {
    return "/subscriptions/" + subscription + "/resourcegroups/" + nodeResourceGroup
        + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name + "-agentpool";
  }

  /** AKS spells the segment {@code resourcegroups} in the ids it returns. */
  String id() {
    return "/subscriptions/" + subscription + "/resourcegroups/" + resourceGroup
        + "/providers/Microsoft.ContainerService/managedClusters/" + name;
  }

  long systemPools() {
    return pools.values().stream().filter(p -> p.settings.system()).count();
  }
}
