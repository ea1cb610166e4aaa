package dev.slipway.controllers.drain;

import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Decides what a drain does with one pod on the node. Pure: the caller passes the time.
 *
 * <p>Like {@code kubectl drain --ignore-daemonsets --delete-emptydir-data --force}, and unlike plain kubectl, pods
 * without a controller and pods with emptyDir volumes are evicted: the node they run on is about to be deleted, so
 * they would be lost either way, and refusing would stall the rollout with no action a user could take.
 */
final class PodTriage {

  /** Set by the kubelet on the API object that mirrors a static pod; deleting it does not stop the pod. */
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  /** What to do with a pod. */
  enum Disposition {
    /** Controlled by a DaemonSet, which would put it straight back and which tolerates unschedulable nodes. */
    DAEMON_SET,
    /** A static pod's mirror: the kubelet owns it and it goes with the node. */
    MIRROR,
    /** Succeeded or Failed: nothing runs any more, nothing to move. */
    FINISHED,
    /** Already being deleted, within its grace period: wait, do not evict again. */
    TERMINATING,
    /** Being deleted and past its grace period (deletionTimestamp in the past): a kubelet that does not answer. */
    TERMINATING_OVERDUE,
    /** Must leave the node: evict it. */
    MOVE
  }

  private PodTriage() {
  }

  /** Note: the ignored kinds are checked first, so a terminating DaemonSet or mirror pod is not waited for. */
  static Disposition of(V1Pod pod, Instant now) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(MIRROR_ANNOTATION)) {
      return Disposition.MIRROR;
    }
    if (isControlledByDaemonSet(pod)) {
      return Disposition.DAEMON_SET;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return Disposition.FINISHED;
    }
    OffsetDateTime deletionDeadline = pod.getMetadata().getDeletionTimestamp();
    if (deletionDeadline != null) {
      // The API server sets deletionTimestamp to the request time plus the grace period.
      return deletionDeadline.toInstant().isBefore(now) ? Disposition.TERMINATING_OVERDUE : Disposition.TERMINATING;
    }
    return Disposition.MOVE;
  }

  private static boolean isControlledByDaemonSet(V1Pod pod) {
    if (pod.getMetadata().getOwnerReferences() == null) {
      return false;
    }
    for (V1OwnerReference owner : pod.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(owner.getController()) && "DaemonSet".equals(owner.getKind())) {
        return true;
      }
    }
    return false;
  }
}
