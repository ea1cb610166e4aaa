package dev.slipway.provider.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.Taint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimStateCodecTest {

  private final SimStateCodec codec = new SimStateCodec();

  @Test
  void roundTripsEveryField() {
    Instant t = Instant.parse("2030-01-01T00:00:00.250Z");
    PoolRecord pool = new PoolRecord("alpha", "1.33", SimFixtures.TEMPLATE, 2, new Autoscaling(1, 3),
        Map.of("team", "a"), List.of(new Taint("k", null, Taint.Effect.NoExecute)), NodepoolMode.System,
        Map.of("owner", "x"), 3, 2, 4,
        OperationRecord.failing(OperationKind.SCALE, t, t.plusSeconds(3), null, "AllocationFailed", "no capacity"),
        List.of(new MachineRecord(0, t, t.plusSeconds(2), null, 3),
            new MachineRecord(1, t, t.plusSeconds(4), t.plusSeconds(9), 0)));
    SimClusterState state = new SimClusterState(SimClusterState.SCHEMA_VERSION, "team-a", "c1",
        new ControlPlaneRecord("1.33", "local-1",
            OperationRecord.succeeding(OperationKind.UPGRADE, t, t.plusSeconds(20), "1.34"), 2),
        Map.of("alpha", pool), List.of("registry-1"),
        new AutoscalerProfile(true, null, null, AutoscalerProfile.Expander.MOST_PODS, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null));

    String json = codec.encode(state);

    assertThat(codec.decode(json)).isEqualTo(state);
    assertThat(json).contains("\"schemaVersion\":1").contains("\"2030-01-01T00:00:00.250Z\"")
        .contains("\"most-pods\"");
  }

  @Test
  void refusesAnotherSchemaVersion() {
    assertThatThrownBy(() -> codec.decode("{\"schemaVersion\":2,\"namespace\":\"a\",\"name\":\"b\"}"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("schema version 2");
  }
}
