package dev.slipway.controllers.identity;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.IdentityRef;
import dev.slipway.api.v1alpha1.ProviderIdentity;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.ResolvedIdentity;
import java.util.Map;

/**
 * The outcome of checking a Cluster's {@code spec.identityRef}: either the identity the cloud calls are made as
 * (null: the controllers' own), or the reason no cloud call may be made for the Cluster at all.
 *
 * @param identity the identity to act as when allowed; null for the controllers' own identity or when refused
 * @param reason null when allowed, else a Ready reason: IdentityNotFound, IdentityProviderMismatch,
 *     IdentityNotAllowed or IdentityNotSupported
 * @param message what a user reads in the condition; names the identity and the namespace
 */
public record IdentityCheck(ResolvedIdentity identity, String reason, String message) {

  public boolean allowed() {
    return reason == null;
  }

  /**
   * The ClusterTarget of {@code cluster} acting as the checked identity.
   *
   * @throws IllegalStateException when the check refused the identity: no caller may build a target then
   */
  public ClusterTarget target(Cluster cluster, boolean deleting) {
    if (!allowed()) {
      throw new IllegalStateException("no cloud call for Cluster " + cluster.getMetadata().getNamespace() + "/"
          + cluster.getMetadata().getName() + ": " + message);
    }
    return new ClusterTarget(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(),
        cluster.getMetadata().getUid(), cluster.getSpec(), deleting, identity);
  }

  /**
   * Decides from what the caches hold. Pure.
   *
   * @param cluster the Cluster
   * @param identity the ProviderIdentity its spec.identityRef names, null when there is none by that name
   * @param namespaceLabels the labels of the Cluster's namespace, null when unknown (no labels)
   */
  public static IdentityCheck decide(Cluster cluster, ProviderIdentity identity,
      Map<String, String> namespaceLabels) {
    IdentityRef ref = cluster.getSpec().identityRef();
    if (ref == null) {
      return new IdentityCheck(null, null, "");
    }
    String namespace = cluster.getMetadata().getNamespace();
    if (identity == null || identity.getSpec() == null) {
      return new IdentityCheck(null, ConditionReasons.IDENTITY_NOT_FOUND, "ProviderIdentity " + ref.name()
          + " named by spec.identityRef does not exist; Slipway makes no cloud call for this cluster until it does");
    }
    if (identity.getSpec().provider() != cluster.getSpec().provider()) {
      return new IdentityCheck(null, ConditionReasons.IDENTITY_PROVIDER_MISMATCH, "ProviderIdentity "
          + ref.name() + " is an identity for " + identity.getSpec().provider().value() + ", but this cluster's "
          + "provider is " + cluster.getSpec().provider().value() + "; Slipway makes no cloud call for it");
    }
    if (!NamespaceAccess.allows(identity.getSpec().allowedNamespaces(), namespace, namespaceLabels)) {
      return new IdentityCheck(null, ConditionReasons.IDENTITY_NOT_ALLOWED, "ProviderIdentity " + ref.name()
          + " does not allow namespace " + namespace + " (spec.allowedNamespaces); Slipway makes no cloud call "
          + "for this cluster");
    }
    if (identity.getSpec().provider() == CloudProvider.AZURE) {
      // Note: the azure provider builds every client from the controllers' own credential; acting for this Cluster
      // would silently use that identity instead of the one named.
      return new IdentityCheck(null, ConditionReasons.IDENTITY_NOT_SUPPORTED, "ProviderIdentity " + ref.name()
          + " is an azure identity, and this Slipway's azure provider cannot act as a ProviderIdentity yet (only as "
          + "the controllers' own workload identity); Slipway makes no cloud call for this cluster rather than one "
          + "as the wrong identity. Remove spec.identityRef to use the controllers' identity");
    }
    return new IdentityCheck(new ResolvedIdentity(ref.name(), identity.getSpec()), null, "");
  }
}
