package dev.slipway.controllers.machinepool;

import dev.slipway.api.v1alpha1.MachinePool;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Who may act on a cloud pool that several MachinePools of one Cluster name (the same {@code cloudPoolName}): only
 * the oldest, by creation time and then by name, so every replica and every pass picks the same one. The others act
 * on nothing, above all never delete the pool another MachinePool serves; the owner keeps it until it is deleted.
 */
final class CloudPoolClaims {

  private static final Comparator<MachinePool> AGE = Comparator
      .comparing((MachinePool p) -> p.getMetadata().getCreationTimestamp(),
          Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder()))
      .thenComparing(p -> p.getMetadata().getName());

  private CloudPoolClaims() {
  }

  /**
   * The claimant that owns the cloud pool, from every MachinePool naming it (including {@code pool} itself, which the
   * informer may not hold yet on its first pass).
   */
  static MachinePool owner(MachinePool pool, Collection<MachinePool> claimants) {
    MachinePool owner = pool;
    for (MachinePool claimant : claimants) {
      if (AGE.compare(claimant, owner) < 0) {
        owner = claimant;
      }
    }
    return owner;
  }

  /** Whether two objects are the same MachinePool (same uid, or same name when a uid is missing). */
  static boolean same(MachinePool a, MachinePool b) {
    String uidA = a.getMetadata().getUid();
    String uidB = b.getMetadata().getUid();
    return uidA != null && uidB != null ? uidA.equals(uidB)
        : Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }
}
