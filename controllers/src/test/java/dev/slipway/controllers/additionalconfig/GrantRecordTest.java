package dev.slipway.controllers.additionalconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrantRecordTest {

  private static final String ACR = DesiredChildrenTest.ACR;
  private static final String ECR = DesiredChildrenTest.ECR;

  @Test
  void roundTripsThroughAnnotationsKeepingOthers() {
    GrantRecord record = GrantRecord.of(List.of(ECR, ACR), true);

    Map<String, String> annotations = record.applyTo(Map.of("team", "payments"));

    assertThat(annotations).containsEntry("team", "payments")
        .containsEntry(GrantRecord.AUTOSCALER_PROFILE_MANAGED, "true")
        .containsKey(GrantRecord.GRANTED_REGISTRIES);
    assertThat(GrantRecord.fromAnnotations(annotations)).isEqualTo(record);
    assertThat(GrantRecord.fromAnnotations(annotations).registryIds()).containsExactly(ACR, ECR);
  }

  @Test
  void anEmptyRecordRemovesItsAnnotations() {
    Map<String, String> annotations = GrantRecord.of(List.of(ACR), true).applyTo(Map.of("team", "payments"));

    Map<String, String> cleared = GrantRecord.EMPTY.applyTo(annotations);

    assertThat(cleared).containsOnlyKeys("team");
    assertThat(GrantRecord.fromAnnotations(cleared)).isEqualTo(GrantRecord.EMPTY);
    assertThat(GrantRecord.fromAnnotations(null).isEmpty()).isTrue();
  }

  @Test
  void anUnreadableRecordFailsInsteadOfForgettingGrants() {
    assertThatThrownBy(() -> GrantRecord.fromAnnotations(Map.of(GrantRecord.GRANTED_REGISTRIES, "{not json")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(GrantRecord.GRANTED_REGISTRIES);
  }
}
