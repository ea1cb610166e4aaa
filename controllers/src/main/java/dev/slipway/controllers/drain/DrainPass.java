package dev.slipway.controllers.drain;

import java.util.List;

/**
 * What one {@link NodeDrainer#drain} pass did and saw.
 *
 * @param evictedNow pods evicted (or, in {@link DrainMode#FORCE_DELETE}, deleted) by this pass
 * @param pending pods that are on their way out: evicted or deleted by this pass, or already terminating; also a pod
 *     that was replaced by a same-named pod between listing and evicting (looked at again by the next pass)
 * @param blocked pods whose eviction was refused in this pass, sorted by namespace and name, so that a condition
 *     message built from them only changes when the situation does
 * @param complete true when no pod that must move remains on the node (ignored pods, such as DaemonSet and mirror
 *     pods, may remain); the node may then be deleted
 */
public record DrainPass(int evictedNow, int pending, List<BlockedPod> blocked, boolean complete) {

  public DrainPass {
    blocked = List.copyOf(blocked);
  }
}
