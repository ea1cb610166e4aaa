package dev.slipway.controllers.machinepool;

import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.controllers.identity.ClusterIdentities;
import dev.slipway.controllers.identity.IdentityWatches;
import dev.slipway.controllers.runtime.ControllerDefinition;
import dev.slipway.controllers.runtime.EnqueueHandler;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.SlipwayProperties;
import dev.slipway.controllers.workload.WorkloadClusters;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.WorkQueue;
import java.util.List;
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
  private final ClusterIdentities identities;

  public MachinePoolController(ManagementInformers informers, WorkloadClusters workloadClusters,
      MachinePoolReconciler reconciler, ClusterIdentities identities) {
    this.informers = informers;
    this.workloadClusters = workloadClusters;
    this.reconciler = reconciler;
    this.identities = identities;
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
    informers.machinePools().addEventHandler(EnqueueHandler.selfIgnoringStatus(queue));
    // A MachinePool that stood aside for an older one naming the same cloud pool takes over once that one is gone.
    informers.machinePools().addEventHandler(EnqueueHandler.<MachinePool>toMany(queue, pool -> pool.getSpec() == null
        ? List.of()
        : ManagementInformers.requests(informers.machinePools(), ManagementInformers.BY_CLOUD_POOL,
            ManagementInformers.cloudPoolKey(pool.getMetadata().getNamespace(), pool.getSpec().clusterName(),
                pool.getSpec().cloudPoolName())))
        .onUpdateOnlyIf(EnqueueHandler::specOrLifecycleChanged));
    informers.clusters().addEventHandler(EnqueueHandler.toMany(queue, cluster -> ManagementInformers.requests(
        informers.machinePools(), ManagementInformers.BY_CLUSTER, ManagementInformers.keyOf(cluster))));
    IdentityWatches.register(informers, identities, queue, cluster -> ManagementInformers.requests(
        informers.machinePools(), ManagementInformers.BY_CLUSTER, cluster.getNamespace() + "/" + cluster.getName()));
    workloadClusters.onNodeChange(clusterKey -> ManagementInformers.requests(informers.machinePools(),
        ManagementInformers.BY_CLUSTER, clusterKey).forEach(queue::add));
  }
}
