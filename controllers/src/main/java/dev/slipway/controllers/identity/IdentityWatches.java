package dev.slipway.controllers.identity;

import dev.slipway.api.v1alpha1.ProviderIdentity;
import dev.slipway.controllers.runtime.EnqueueHandler;
import dev.slipway.controllers.runtime.ManagementInformers;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.WorkQueue;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.openapi.models.V1Namespace;
import java.util.Collection;
import java.util.function.Function;

/**
 * Wakes a controller when what {@link ClusterIdentities#check} decides from may have changed: a ProviderIdentity
 * (created, changed, deleted) re-queues the Clusters naming it; a Namespace whose labels changed re-queues its
 * Clusters that name an identity. Each controller maps those Clusters to its own keys (a Cluster to itself, a
 * Cluster to its MachinePools, ...).
 */
public final class IdentityWatches {

  private IdentityWatches() {
  }

  /**
   * @param toKeys maps a Cluster's key to the keys this controller reconciles for it
   */
  public static void register(ManagementInformers informers, ClusterIdentities identities,
      WorkQueue<Request> queue, Function<Request, Collection<Request>> toKeys) {
    informers.providerIdentities().addEventHandler(EnqueueHandler.<ProviderIdentity>toMany(queue,
        identity -> identities.clustersUsing(identity.getMetadata().getName()).stream()
            .flatMap(cluster -> toKeys.apply(cluster).stream()).toList()));
    informers.namespaces().addEventHandler(new ResourceEventHandler<V1Namespace>() {
      @Override
      public void onAdd(V1Namespace namespace) {
        enqueue(namespace);
      }

      @Override
      public void onUpdate(V1Namespace before, V1Namespace after) {
        // Namespaces change status and annotations too; only labels can change what an identity allows.
        if (ClusterIdentities.labelsChanged(before, after)) {
          enqueue(after);
        }
      }

      @Override
      public void onDelete(V1Namespace namespace, boolean stateUnknown) {
        enqueue(namespace);
      }

      private void enqueue(V1Namespace namespace) {
        identities.clustersWithIdentityIn(namespace.getMetadata().getName()).stream()
            .flatMap(cluster -> toKeys.apply(cluster).stream())
            .forEach(queue::add);
      }
    });
  }
}
