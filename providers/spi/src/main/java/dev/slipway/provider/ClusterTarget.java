package dev.slipway.provider;

import dev.slipway.api.v1alpha1.ClusterSpec;
import java.util.Objects;

/**
 * The managed cluster a call is about: the Cluster object's namespace and name (unique in the management cluster)
 * and its spec. Providers derive cloud names from it deterministically.
 *
 * @param namespace the Cluster's namespace
 * @param name the Cluster's name
 * @param uid the Cluster's UID, for tagging cloud resources
 * @param spec the Cluster's desired state
 * @param deleting whether the Cluster is being deleted: its pools are going away with it, so a provider may let go
 *     of a pool the cloud removes together with the cluster (AKS: the last System pool, which AKS refuses to
 *     delete on its own)
 * @param identity the ProviderIdentity to act as, checked by the controllers; null: the controllers' own identity
 *     (IRSA, Azure workload identity, the simulated default account)
 */
public record ClusterTarget(String namespace, String name, String uid, ClusterSpec spec, boolean deleting,
    ResolvedIdentity identity) {

  /** A Cluster that is not being deleted and uses the controllers' own identity. */
  public ClusterTarget(String namespace, String name, String uid, ClusterSpec spec) {
    this(namespace, name, uid, spec, false, null);
  }

  /** A Cluster that uses the controllers' own identity. */
  public ClusterTarget(String namespace, String name, String uid, ClusterSpec spec, boolean deleting) {
    this(namespace, name, uid, spec, deleting, null);
  }

  public ClusterTarget {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
    if (identity != null && identity.spec().provider() != spec.provider()) {
      throw new IllegalArgumentException("identity " + identity.name() + " is for " + identity.spec().provider()
          + ", cluster " + namespace + "/" + name + " is on " + spec.provider());
    }
  }

  /** {@code namespace/name}, for logs and messages. */
  public String key() {
    return namespace + "/" + name;
  }
}
