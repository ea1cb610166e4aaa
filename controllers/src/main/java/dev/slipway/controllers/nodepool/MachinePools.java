package dev.slipway.controllers.nodepool;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.MachinePoolSpec;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.api.v1alpha1.ObjectRef;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.controllers.runtime.Labels;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * The MachinePools a Nodepool creates, as pure functions of the Nodepool, its Cluster and the template hash, so that
 * the Nodepool controller and the Cluster controller (which tells a cloud like AKS the System pools it must create
 * together with the cluster) derive the same names and fields.
 */
public final class MachinePools {

  private MachinePools() {
  }

  /** The Kubernetes version of a Nodepool's pools: its own, or its Cluster's. */
  public static String version(Nodepool nodepool, Cluster cluster) {
    String own = nodepool.getSpec().version();
    return own != null ? own : cluster.getSpec().version();
  }

  /**
   * The template hash a Nodepool's desired pool has: the one its status recorded when that still describes the
   * template (a hash recorded by an older hash function is kept), else the current function's.
   *
   * @throws IllegalArgumentException when the recorded hash names a function this Slipway does not know
   */
  public static String desiredHash(Nodepool nodepool, String version) {
    String recorded = nodepool.getStatus() == null ? null : nodepool.getStatus().templateHash();
    return recorded != null && TemplateHash.matches(recorded, version, nodepool.getSpec().template()) ? recorded
        : TemplateHash.of(version, nodepool.getSpec().template());
  }

  /**
   * The MachinePool (unsaved) for the {@code replacement}-th pool of a Nodepool's template. It is created with
   * Slipway's finalizer already on, which saves the MachinePool controller one write per pool; that controller still
   * adds it to MachinePools created by hand.
   */
  public static MachinePool of(Nodepool nodepool, Cluster cluster, String version, String templateHash,
      int replacement) {
    NodepoolSpec spec = nodepool.getSpec();
    MachinePool pool = new MachinePool();
    pool.setMetadata(new V1ObjectMeta()
        .name(PoolNames.machinePool(nodepool.getMetadata().getName(), templateHash, replacement))
        .namespace(nodepool.getMetadata().getNamespace())
        .finalizers(List.of(Labels.FINALIZER))
        .labels(Map.of(Labels.NODEPOOL, nodepool.getMetadata().getName(), Labels.CLUSTER, spec.clusterName(),
            Labels.TEMPLATE_HASH, templateHash, Labels.REPLACEMENT, Integer.toString(replacement))));
    pool.setSpec(new MachinePoolSpec(spec.clusterName(), cluster.getSpec().provider(),
        PoolNames.cloudPool(cluster.getSpec().provider(), nodepool.getMetadata().getName(), templateHash,
            replacement),
        version, spec.template(), spec.replicas(), spec.autoscaling(), spec.nodeLabels(), spec.taints(), spec.mode(),
        new ObjectRef(SlipwayResource.API_VERSION, Nodepool.KIND, nodepool.getMetadata().getName(),
            nodepool.getMetadata().getUid())));
    return pool;
  }
}
