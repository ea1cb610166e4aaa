package dev.slipway.controllers.machinepool;

import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.controllers.runtime.ControllerDefinition;
import dev.slipway.controllers.runtime.EnqueueHandler;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.SlipwayProperties;
import dev.slipway.controllers.workload.WorkloadClusters;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.WorkQueue;
import io.kubernetes.client.informer.ResourceEventHandler;
import org.springframework.stereotype.Component;

/**
 * The MachinePool controller: wakes on MachinePool changes, on changes of the Cluster a pool belongs to (its
 * kubeconfig becoming ready), and on Node changes in that Cluster's workload API (a machine registering).
 */
@Component
public class MachinePoolController implements ControllerDefinition {

  private final ManagementInformers informers;
  private final WorkloadClusters workloadClusters;
  private final MachinePoolReconciler reconciler;

  public MachinePoolController(ManagementInformers informers, WorkloadClusters workloadClusters,
      MachinePoolReconciler reconciler) {
    this.informers = informers;
    this.workloadClusters = workloadClusters;
    this.reconciler = reconciler;
  }

  @Override
  public String name() {
    return "machinepool";
  }

  @Override
  public int workers(SlipwayProperties properties) {
    return properties.controllers().machinePoolWorkers();
  }

  @Override
  public Reconciler reconciler() {
    return reconciler;
  }

  @Override
  public void watch(WorkQueue<Request> queue) {
    informers.machinePools().addEventHandler(EnqueueHandler.self(queue));
    informers.clusters().addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(dev.slipway.api.v1alpha1.Cluster cluster) {
        enqueuePoolsOf(queue, cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName());
      }

      @Override
      public void onUpdate(dev.slipway.api.v1alpha1.Cluster before, dev.slipway.api.v1alpha1.Cluster after) {
        onAdd(after);
      }

      @Override
      public void onDelete(dev.slipway.api.v1alpha1.Cluster cluster, boolean stateUnknown) {
        onAdd(cluster);
      }
    });
    workloadClusters.onNodeChange(clusterKey -> enqueuePoolsOf(queue, clusterKey));
  }

  private void enqueuePoolsOf(WorkQueue<Request> queue, String clusterKey) {
    for (MachinePool pool : informers.machinePools().getIndexer().byIndex(ManagementInformers.BY_CLUSTER,
        clusterKey)) {
      queue.add(new Request(pool.getMetadata().getNamespace(), pool.getMetadata().getName()));
    }
  }
}
