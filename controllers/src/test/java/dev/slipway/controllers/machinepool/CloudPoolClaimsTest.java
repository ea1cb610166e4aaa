package dev.slipway.controllers.machinepool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.MachinePool;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudPoolClaimsTest {

  private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 22, 8, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void theOldestClaimantOwnsThePool() {
    MachinePool young = pool("a-young", "uid-1", T0.plusSeconds(5));
    MachinePool old = pool("z-old", "uid-2", T0);
    assertThat(CloudPoolClaims.owner(young, List.of(young, old))).isSameAs(old);
    assertThat(CloudPoolClaims.owner(old, List.of(young, old))).isSameAs(old);
  }

  @Test
  void theNameBreaksATieOfCreationTimes() {
    MachinePool b = pool("b", "uid-b", T0);
    MachinePool a = pool("a", "uid-a", T0);
    assertThat(CloudPoolClaims.owner(b, List.of(b, a))).isSameAs(a);
    assertThat(CloudPoolClaims.owner(a, List.of(b))).isSameAs(a);
  }

  @Test
  void aPoolTheInformerDoesNotHoldYetOwnsWhatNobodyElseClaims() {
    MachinePool pool = pool("only", "uid-1", T0);
    assertThat(CloudPoolClaims.owner(pool, List.of())).isSameAs(pool);
  }

  @Test
  void aPoolWithoutCreationTimeNeverWinsAgainstOneWithIt() {
    MachinePool unknown = pool("a", "uid-1", null);
    MachinePool known = pool("b", "uid-2", T0.plusDays(1));
    assertThat(CloudPoolClaims.owner(unknown, List.of(unknown, known))).isSameAs(known);
  }

  @Test
  void sameComparesByUidAndFallsBackToTheName() {
    MachinePool cached = pool("p", "uid-1", T0);
    MachinePool fresh = pool("p", "uid-1", T0);
    MachinePool recreated = pool("p", "uid-2", T0);
    assertThat(CloudPoolClaims.same(cached, fresh)).isTrue();
    assertThat(CloudPoolClaims.same(cached, recreated)).isFalse();
    assertThat(CloudPoolClaims.same(pool("p", null, T0), pool("p", "uid-3", T0))).isTrue();
    assertThat(CloudPoolClaims.same(pool("p", null, T0), pool("q", null, T0))).isFalse();
  }

  private static MachinePool pool(String name, String uid, OffsetDateTime created) {
    MachinePool pool = new MachinePool();
    pool.setMetadata(new V1ObjectMeta().name(name).namespace("team").uid(uid).creationTimestamp(created));
    return pool;
  }
}
