package dev.slipway.controllers.nodepool;

import java.util.List;

/**
 * One MachinePool of a Nodepool as the rollout planner sees it.
 *
 * @param name the MachinePool's name
 * @param templateHash the hash it was created for (its {@code slipway.dev/template-hash} label)
 * @param deleting whether it has a deletionTimestamp
 * @param ready whether its Ready condition is True (cloud pool ready, every machine a Ready Node)
 * @param inPlaceUpToDate whether its in-place fields (count, labels, taints, mode) match the Nodepool's
 * @param nodes its Nodes in the workload cluster, matched by canonical providerID
 */
public record PoolView(String name, String templateHash, boolean deleting, boolean ready, boolean inPlaceUpToDate,
    List<NodeView> nodes) {

  public PoolView {
    nodes = List.copyOf(nodes);
  }
}
