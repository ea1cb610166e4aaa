package dev.slipway.controllers.additionalconfig;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfig;
import dev.slipway.controllers.runtime.ControllerDefinition;
import dev.slipway.controllers.runtime.EnqueueHandler;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.SlipwayProperties;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.WorkQueue;
import io.kubernetes.client.informer.ResourceEventHandler;
import org.springframework.stereotype.Component;

/**
 * The ClusterAdditionalConfig controller: wakes on ClusterAdditionalConfig changes, and on changes of the Cluster a
 * configuration names (a Cluster becoming Ready, paused or deleted wakes its configurations).
 */
@Component
public class ClusterAdditionalConfigController implements ControllerDefinition {

  private final ManagementInformers informers;
  private final ClusterAdditionalConfigReconciler reconciler;

  public ClusterAdditionalConfigController(ManagementInformers informers,
      ClusterAdditionalConfigReconciler reconciler) {
    this.informers = informers;
    this.reconciler = reconciler;
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
    informers.clusters().addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Cluster cluster) {
        enqueueConfigsOf(queue, cluster);
      }

      @Override
      public void onUpdate(Cluster before, Cluster after) {
        enqueueConfigsOf(queue, after);
      }

      @Override
      public void onDelete(Cluster cluster, boolean stateUnknown) {
        enqueueConfigsOf(queue, cluster);
      }
    });
  }

  private void enqueueConfigsOf(WorkQueue<Request> queue, Cluster cluster) {
    for (ClusterAdditionalConfig config : ManagementInformers.byIndex(informers.additionalConfigs(),
        ManagementInformers.BY_CLUSTER, cluster.getMetadata().getNamespace(), cluster.getMetadata().getName())) {
      queue.add(new Request(config.getMetadata().getNamespace(), config.getMetadata().getName()));
    }
  }
}
