package dev.slipway.controllers.additionalconfig;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfig;
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
 * The ClusterAdditionalConfig controller: wakes on ClusterAdditionalConfig changes, and on changes of the Cluster a
 * configuration names (a Cluster becoming Ready, paused or deleted wakes its configurations).
 */
@Component
public class ClusterAdditionalConfigController implements ControllerDefinition {

  private final ManagementInformers informers;
  private final ClusterAdditionalConfigReconciler reconciler;
  private final ClusterIdentities identities;

  public ClusterAdditionalConfigController(ManagementInformers informers,
      ClusterAdditionalConfigReconciler reconciler, ClusterIdentities identities) {
    this.informers = informers;
    this.reconciler = reconciler;
    this.identities = identities;
  }

  @Override
  public String name() {
    return "additionalconfig";
  }

  @Override
  public int workers(SlipwayProperties properties) {
    return properties.controllers().additionalConfigWorkers();
  }

  @Override
  public Reconciler reconciler() {
    return reconciler;
  }

  @Override
  public void watch(WorkQueue<Request> queue) {
    informers.additionalConfigs().addEventHandler(EnqueueHandler.self(queue));
    informers.clusters().addEventHandler(EnqueueHandler.toMany(queue, cluster -> ManagementInformers.requests(
        informers.additionalConfigs(), ManagementInformers.BY_CLUSTER, ManagementInformers.keyOf(cluster))));
    IdentityWatches.register(informers, identities, queue, cluster -> ManagementInformers.requests(
        informers.additionalConfigs(), ManagementInformers.BY_CLUSTER, cluster.getNamespace() + "/" + cluster.getName()));
  }
}
