package dev.slipway.provider.azure;

import dev.slipway.api.v1alpha1.AzureClusterSpec;
import dev.slipway.provider.CloudNames;
import dev.slipway.provider.ClusterTarget;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Names and ownership tags of the Azure resources Slipway creates.
 *
 * <p>AKS cluster name: {@code <namespace>_<name>} with every {@code .} of the name written {@code _}. Namespaces
 * and names never contain {@code _} and namespaces never contain {@code .}, so the mapping is one-to-one. AKS allows
 * 1-63 letters, digits, {@code -} and {@code _}, starting and ending with a letter or digit; a longer result keeps
 * its first 52 characters and appends {@code -} and 10 hex digits of sha256({@code <namespace>/<name>}). Because a
 * shortened name could in theory collide, {@link AksControlPlanes} also checks the ownership tag of a cluster it
 * finds and refuses one that belongs to another Slipway Cluster.
 */
final class AksNames {

  static final int MAX_CLUSTER_NAME = 63;
  static final int MAX_DNS_PREFIX = 54;

  /**
   * Ownership tag on the managed cluster: {@code <namespace>/<name>} of the Slipway Cluster. Azure tag names may not
   * contain {@code / < > % & \ ?}, hence no {@code slipway.dev/} prefix here.
   */
  static final String CLUSTER_TAG = "slipway-cluster";

  /** The Slipway Cluster's UID, on the managed cluster (informational). */
  static final String CLUSTER_UID_TAG = "slipway-cluster-uid";

  /** The built-in AcrPull role's definition GUID, the same in every Azure cloud and subscription. */
  static final String ACR_PULL_ROLE = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

  private AksNames() {
  }

  static String clusterName(ClusterTarget cluster) {
    return clusterName(cluster.namespace(), cluster.name());
  }

  static String clusterName(String namespace, String name) {
    return CloudNames.clusterName(namespace, name, MAX_CLUSTER_NAME);
  }

  /** The DNS prefix of the API server's FQDN: the cluster name with {@code _} as {@code -}, at most 54 chars. */
  static String dnsPrefix(ClusterTarget cluster) {
    String prefix = clusterName(cluster).replace('_', '-');
    if (prefix.length() > MAX_DNS_PREFIX) {
      String suffix = "-" + sha256Hex(cluster.namespace() + "/" + cluster.name()).substring(0, 10);
      prefix = prefix.substring(0, MAX_DNS_PREFIX - suffix.length()) + suffix;
    }
    return prefix;
  }

  /** The value of {@link #CLUSTER_TAG} for a cluster. */
  static String owner(ClusterTarget cluster) {
    return cluster.namespace() + "/" + cluster.name();
  }

  /** The resource group of the managed cluster. */
  static String resourceGroup(ClusterTarget cluster) {
    return azure(cluster).resourceGroup();
  }

  static String subscription(ClusterTarget cluster) {
    return azure(cluster).subscriptionId();
  }

  /** {@code <subscription>/<resource group>/<cluster>}, for messages and the operation gate. */
  static String key(ClusterTarget cluster) {
    return subscription(cluster) + "/" + resourceGroup(cluster) + "/" + clusterName(cluster);
  }

  /** The managed cluster's ARM resource ID. */
  static String clusterResourceId(ClusterTarget cluster) {
    return "/subscriptions/" + subscription(cluster) + "/resourceGroups/" + resourceGroup(cluster)
        + "/providers/Microsoft.ContainerService/managedClusters/" + clusterName(cluster);
  }

  /** The AcrPull role definition's ID in the subscription of {@code scope}. */
  static String acrPullRoleDefinitionId(String scope) {
    String subscription = scope.split("/")[2];
    return "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + ACR_PULL_ROLE;
  }

  /**
   * The role assignment's name, a GUID as Azure requires: a name-based UUID of the scope, the role and the managed
   * cluster (not the identity, which a recreated cluster changes), so a grant made twice is the same assignment and
   * a revoke needs nothing but the cluster and the scope. Case-insensitive like Azure resource IDs.
   */
  static String roleAssignmentName(ClusterTarget cluster, String scope) {
    String key = "slipway|" + scope.toLowerCase(Locale.ROOT) + "|" + ACR_PULL_ROLE + "|"
        + clusterResourceId(cluster).toLowerCase(Locale.ROOT);
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Tags of a new managed cluster: the Cluster's own tags, then the ownership tags (which win). */
  static Map<String, String> clusterTags(ClusterTarget cluster) {
    Map<String, String> tags = new LinkedHashMap<>();
    AzureClusterSpec azure = cluster.spec().azure();
    if (azure != null && azure.tags() != null) {
      tags.putAll(azure.tags());
    }
    tags.put(CLUSTER_TAG, owner(cluster));
    if (cluster.uid() != null) {
      tags.put(CLUSTER_UID_TAG, cluster.uid());
    }
    return tags;
  }

  /** A tag name Azure accepts: {@code / < > % & \ ?} become {@code _} ({@code slipway.dev/x} -> {@code slipway.dev_x}). */
  static String tagName(String key) {
    return key.replaceAll("[/<>%&\\\\?]", "_");
  }

  static AzureClusterSpec azure(ClusterTarget cluster) {
    AzureClusterSpec azure = cluster.spec().azure();
    if (azure == null) {
      throw new IllegalArgumentException("Cluster " + cluster.key() + " has provider azure but no spec.azure");
    }
    return azure;
  }

  static String sha256Hex(String value) {
    return CloudNames.sha256Hex(value);
  }
}
