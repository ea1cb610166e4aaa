package dev.slipway.provider.aws;

import dev.slipway.provider.CloudNames;
import dev.slipway.provider.ClusterTarget;
import java.util.regex.Pattern;

/**
 * Names and ownership tags of the EKS resources Slipway creates.
 *
 * <p>EKS cluster name: {@code <namespace>_<name>} (the form Cluster API's AWS provider uses), with every {@code .}
 * of the Cluster name written {@code _}. Kubernetes namespaces and names never contain {@code _} and namespaces
 * never contain {@code .}, so the mapping is one-to-one: two Slipway Clusters can never share an EKS name. EKS
 * allows 1-100 characters matching {@code ^[0-9A-Za-z][A-Za-z0-9\-_]*}; a longer result keeps its first 89
 * characters and appends {@code -} and the first 10 hex digits of sha256({@code <namespace>/<name>}). Because a
 * shortened name could in theory collide, {@link EksControlPlanes} also checks the ownership tag of a cluster it
 * finds and refuses one that belongs to another Slipway Cluster.
 */
final class EksNames {

  static final int MAX_CLUSTER_NAME = 100;
  static final Pattern CLUSTER_NAME = Pattern.compile("^[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}$");

  /** Ownership tag on the EKS cluster and its node groups: {@code <namespace>/<name>} of the Slipway Cluster. */
  static final String CLUSTER_TAG = "slipway.dev/cluster";

  /** The Slipway Cluster's UID, on the EKS cluster (informational: a recreated Cluster object keeps its cloud). */
  static final String CLUSTER_UID_TAG = "slipway.dev/cluster-uid";

  private EksNames() {
  }

  static String clusterName(ClusterTarget cluster) {
    return clusterName(cluster.namespace(), cluster.name());
  }

  static String clusterName(String namespace, String name) {
    return CloudNames.clusterName(namespace, name, MAX_CLUSTER_NAME);
  }

  /** The value of {@link #CLUSTER_TAG} for a cluster. */
  static String owner(ClusterTarget cluster) {
    return cluster.namespace() + "/" + cluster.name();
  }

  static String sha256Hex(String value) {
    return CloudNames.sha256Hex(value);
  }
}
