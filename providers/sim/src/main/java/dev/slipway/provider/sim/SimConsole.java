package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import java.util.Map;

/**
 * Out-of-band changes, as if someone used the cloud console or CLI behind Slipway's back: for tests of drift
 * detection. They take effect like their API counterparts (same latencies) but ignore the per-cluster
 * serialisation and injected faults. Each throws {@link CloudException} {@code ResourceNotFound} when the pool does
 * not exist.
 */
public final class SimConsole {

  private final SimCloud cloud;

  SimConsole(SimCloud cloud) {
    this.cloud = cloud;
  }

  /** Scales the pool to {@code count} machines (removing the highest ordinals first). */
  public void scale(ClusterTarget cluster, String pool, int count) throws CloudException {
    change(cluster, pool, "scale", (existing, now) -> PoolOperations.start(
        existing.withInPlace(count, existing.autoscaling(), existing.nodeLabels(), existing.taints(),
            existing.mode()),
        OperationKind.SCALE, now, cloud.latency(cluster), cloud.random(cluster, pool, existing.operations() + 1),
        null));
  }

  /** Replaces the pool's node labels (existing Nodes follow when the update completes). */
  public void setNodeLabels(ClusterTarget cluster, String pool, Map<String, String> labels) throws CloudException {
    change(cluster, pool, "relabel", (existing, now) -> PoolOperations.start(
        existing.withInPlace(existing.count(), existing.autoscaling(), labels, existing.taints(), existing.mode()),
        OperationKind.UPDATE, now, cloud.latency(cluster), cloud.random(cluster, pool, existing.operations() + 1),
        null));
  }

  /** Deletes the pool. */
  public void deletePool(ClusterTarget cluster, String pool) throws CloudException {
    change(cluster, pool, "delete", (existing, now) -> PoolOperations.start(existing, OperationKind.DELETE, now,
        cloud.latency(cluster), cloud.random(cluster, pool, existing.operations() + 1), null));
  }

  /**
   * Changes the pool's machine type at once, which no real cloud allows in place: the way to make a pool drift on
   * a field that forces replacement. Only Nodes registered from now on carry the new instance-type label.
   */
  public void setMachineType(ClusterTarget cluster, String pool, String machineType) throws CloudException {
    change(cluster, pool, "change machine type", (existing, now) -> {
      MachineTemplate t = existing.template();
      return existing.withTemplate(new MachineTemplate(machineType, t.osImage(), t.architecture(), t.diskSize(),
          t.diskType(), t.maxPods(), t.capacityType(), t.zones()));
    });
  }

  @FunctionalInterface
  private interface PoolChange {
    PoolRecord apply(PoolRecord pool, java.time.Instant now);
  }

  private void change(ClusterTarget cluster, String pool, String what, PoolChange change) throws CloudException {
    cloud.call(cluster, "console", "console " + what + " of pool " + pool, false, (state, now) -> {
      PoolRecord existing = state.pools().get(pool);
      if (existing == null) {
        throw CloudException.permanent("ResourceNotFound", "pool " + pool + " of " + cluster.key()
            + " does not exist", null);
      }
      return new SimCloud.Outcome<>(state.withPool(change.apply(existing, now)), null);
    });
  }
}
