package dev.slipway.controllers.cluster;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.controllers.identity.ClusterIdentities;
import dev.slipway.controllers.identity.IdentityWatches;
import dev.slipway.controllers.runtime.ControllerDefinition;
import dev.slipway.controllers.runtime.EnqueueHandler;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.SlipwayProperties;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.WorkQueue;
import org.springframework.stereotype.Component;

/**
 * The Cluster controller: wakes on Cluster changes, and on changes of the Nodepools and MachinePools of a Cluster
 * (a deleting Cluster waits for them), and on changes of the ProviderIdentity a Cluster names or of its namespace's
 * labels (they decide whether Slipway may act for it).
 */
@Component
public class ClusterController implements ControllerDefinition {

  private final ManagementInformers informers;
  private final ClusterReconciler reconciler;
  private final ClusterIdentities identities;

  public ClusterController(ManagementInformers informers, ClusterReconciler reconciler,
      ClusterIdentities identities) {
    this.informers = informers;
    this.reconciler = reconciler;
    this.identities = identities;
  }

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public int workers(SlipwayProperties properties) {
    return properties.controllers().clusterWorkers();
  }

  @Override
  public Reconciler reconciler() {
    return reconciler;
  }

  @Override
  public void watch(WorkQueue<Request> queue) {
    informers.clusters().addEventHandler(EnqueueHandler.self(queue));
    // A Cluster reads its children's specs (AKS System pools) and waits for them to be gone when deleting; their
    // status writes (several per pool and rollout) would only wake it for nothing.
    informers.nodepools().addEventHandler(EnqueueHandler.<Nodepool>of(queue, np -> clusterOf(np,
        np.getSpec() == null ? null : np.getSpec().clusterName()))
        .onUpdateOnlyIf(EnqueueHandler::specOrLifecycleChanged));
    informers.machinePools().addEventHandler(EnqueueHandler.<MachinePool>of(queue, mp -> clusterOf(mp,
        mp.getSpec() == null ? null : mp.getSpec().clusterName()))
        .onUpdateOnlyIf(EnqueueHandler::specOrLifecycleChanged));
    IdentityWatches.register(informers, identities, queue, java.util.List::of);
  }

  private static Request clusterOf(SlipwayResource<?, ?> object, String clusterName) {
    return clusterName == null ? null : new Request(object.getMetadata().getNamespace(), clusterName);
  }
}
