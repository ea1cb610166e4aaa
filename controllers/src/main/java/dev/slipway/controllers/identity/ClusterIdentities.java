package dev.slipway.controllers.identity;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.IdentityRef;
import dev.slipway.controllers.runtime.ManagementInformers;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.openapi.models.V1Namespace;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The one place that decides which identity a Cluster's cloud calls are made as. Every controller that builds a
 * {@link dev.slipway.provider.ClusterTarget} for a cloud call gets it from {@link #check}, so none can act for a
 * Cluster whose ProviderIdentity is missing, of another provider, or does not allow the Cluster's namespace.
 * Reads only informer caches (ProviderIdentities, Namespaces): no API request per reconcile.
 */
@Component
public class ClusterIdentities {

  private final ManagementInformers informers;

  public ClusterIdentities(ManagementInformers informers) {
    this.informers = informers;
  }

  /** Checks {@code cluster}'s spec.identityRef against the cached ProviderIdentity and namespace labels. */
  public IdentityCheck check(Cluster cluster) {
    IdentityRef ref = cluster.getSpec().identityRef();
    if (ref == null) {
      return IdentityCheck.decide(cluster, null, null);
    }
    V1Namespace namespace = informers.namespace(cluster.getMetadata().getNamespace());
    return IdentityCheck.decide(cluster, informers.providerIdentity(ref.name()),
        namespace == null ? null : namespace.getMetadata().getLabels());
  }

  /** Keys of the Clusters whose spec.identityRef names {@code identity}: they re-check when it changes. */
  public List<Request> clustersUsing(String identity) {
    return ManagementInformers.requests(informers.clusters(), ManagementInformers.BY_IDENTITY, identity);
  }

  /** Keys of the Clusters of {@code namespace} that name an identity: they re-check when its labels change. */
  public List<Request> clustersWithIdentityIn(String namespace) {
    return informers.clusters().getIndexer().byIndex(io.kubernetes.client.informer.cache.Caches.NAMESPACE_INDEX,
            namespace).stream()
        .filter(c -> c.getSpec() != null && c.getSpec().identityRef() != null)
        .map(c -> new Request(c.getMetadata().getNamespace(), c.getMetadata().getName()))
        .toList();
  }

  /** Whether a namespace update can change what an identity allows: only its labels matter. */
  public static boolean labelsChanged(V1Namespace before, V1Namespace after) {
    return !Objects.equals(labels(before), labels(after));
  }

  private static Map<String, String> labels(V1Namespace namespace) {
    return namespace == null || namespace.getMetadata() == null || namespace.getMetadata().getLabels() == null
        ? Map.of() : namespace.getMetadata().getLabels();
  }
}
