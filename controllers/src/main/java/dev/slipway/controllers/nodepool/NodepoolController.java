package dev.slipway.controllers.nodepool;

import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.controllers.runtime.ControllerDefinition;
import dev.slipway.controllers.runtime.EnqueueHandler;
import dev.slipway.controllers.runtime.Labels;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.SlipwayProperties;
import dev.slipway.controllers.workload.WorkloadClusters;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.WorkQueue;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The Nodepool controller: wakes on Nodepool changes, on changes of its MachinePools (label
 * {@code slipway.dev/nodepool}), of its Cluster, and of Nodes in the Cluster's workload API (cordons, readiness).
 */
@Component
public class NodepoolController implements ControllerDefinition {

  private final ManagementInformers informers;
  private final WorkloadClusters workloadClusters;
  private final NodepoolReconciler reconciler;

  public NodepoolController(ManagementInformers informers, WorkloadClusters workloadClusters,
      NodepoolReconciler reconciler) {
    this.informers = informers;
    this.workloadClusters = workloadClusters;
    this.reconciler = reconciler;
  }

  @Override
  public String name() {
    return "nodepool";
  }

  @Override
  public int workers(SlipwayProperties properties) {
    return properties.controllers().nodepoolWorkers();
  }

  @Override
  public Reconciler reconciler() {
    return reconciler;
  }

  @Override
  public void watch(WorkQueue<Request> queue) {
    informers.nodepools().addEventHandler(EnqueueHandler.selfIgnoringStatus(queue));
    informers.machinePools().addEventHandler(EnqueueHandler.<MachinePool>of(queue, pool -> {
      Map<String, String> labels = pool.getMetadata().getLabels();
      String nodepool = labels == null ? null : labels.get(Labels.NODEPOOL);
      return nodepool == null ? null : new Request(pool.getMetadata().getNamespace(), nodepool);
    }));
    informers.clusters().addEventHandler(EnqueueHandler.toMany(queue, cluster -> ManagementInformers.requests(
        informers.nodepools(), ManagementInformers.BY_CLUSTER, ManagementInformers.keyOf(cluster))));
    workloadClusters.onNodeChange(clusterKey -> ManagementInformers.requests(informers.nodepools(),
        ManagementInformers.BY_CLUSTER, clusterKey).forEach(queue::add));
  }
}
