package dev.slipway.controllers.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionsTest {

  private static final OffsetDateTime EARLIER = OffsetDateTime.of(2026, 11, 21, 10, 0, 0, 0, ZoneOffset.UTC);
  private static final OffsetDateTime NOW = EARLIER.plusHours(1);

  @ParameterizedTest(name = "{0} -> {1}: transition at {2}")
  @CsvSource({
      // existing status, new status, which time the condition carries afterwards
      "TRUE,    TRUE,    EARLIER",
      "FALSE,   FALSE,   EARLIER",
      "UNKNOWN, UNKNOWN, EARLIER",
      "TRUE,    FALSE,   NOW",
      "FALSE,   TRUE,    NOW",
      "UNKNOWN, TRUE,    NOW",
      "TRUE,    UNKNOWN, NOW",
  })
  void transitionTimeMovesOnlyWhenTheStatusFlips(ConditionStatus before, ConditionStatus after, String expected) {
    List<Condition> current = List.of(new Condition("Ready", before, 1L, EARLIER, "Before", "before"));

    List<Condition> updated = Conditions.set(current, "Ready", after, "After", "after", 2L, NOW);

    assertThat(updated).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(after);
      assertThat(c.reason()).isEqualTo("After");
      assertThat(c.message()).isEqualTo("after");
      assertThat(c.observedGeneration()).isEqualTo(2L);
      assertThat(c.lastTransitionTime()).isEqualTo(expected.equals("NOW") ? NOW : EARLIER);
    });
  }

  @Test
  void aNewTypeIsAppendedAndOthersAreKept() {
    Condition other = new Condition("ControlPlaneReady", ConditionStatus.TRUE, 1L, EARLIER, "Created", "");

    List<Condition> updated = Conditions.set(List.of(other), "Ready", ConditionStatus.FALSE, "Provisioning",
        "creating", 1L, NOW);

    assertThat(updated).containsExactly(other,
        new Condition("Ready", ConditionStatus.FALSE, 1L, NOW, "Provisioning", "creating"));
  }

  @Test
  void settingTheSameConditionAgainChangesNothing() {
    List<Condition> once = Conditions.set(null, "Ready", ConditionStatus.TRUE, "Ready", "ok", 3L, EARLIER);

    List<Condition> twice = Conditions.set(once, "Ready", ConditionStatus.TRUE, "Ready", "ok", 3L, NOW);

    assertThat(twice).as("equal lists mean no status write is needed").isEqualTo(once);
  }

  @Test
  void findsAndReadsConditions() {
    List<Condition> conditions = Conditions.set(null, "Ready", ConditionStatus.TRUE, "Ready", "", 1L, NOW);
    assertThat(Conditions.isTrue(conditions, "Ready")).isTrue();
    assertThat(Conditions.isTrue(conditions, "ControlPlaneReady")).isFalse();
    assertThat(Conditions.find(null, "Ready")).isNull();
  }

  @Test
  void anObjectCreatedPausedSaysWhyNothingHappensToIt() {
    List<Condition> paused = Conditions.paused(null, "Cluster dev is paused", 1L, NOW);

    assertThat(paused).containsExactly(
        new Condition("Paused", ConditionStatus.TRUE, 1L, NOW, "Paused", "Cluster dev is paused"),
        new Condition("Ready", ConditionStatus.UNKNOWN, 1L, NOW, "Paused", "Cluster dev is paused; not reconciled yet"));
    assertThat(Conditions.paused(paused, "Cluster dev is paused", 1L, NOW.plusMinutes(5)))
        .as("pausing again changes nothing, so nothing is written").isEqualTo(paused);
  }

  @Test
  void pausingFreezesAnExistingReadyCondition() {
    Condition ready = new Condition("Ready", ConditionStatus.TRUE, 4L, EARLIER, "Ready", "");

    List<Condition> paused = Conditions.paused(List.of(ready), "spec.paused is true", 5L, NOW);

    assertThat(paused).containsExactly(ready,
        new Condition("Paused", ConditionStatus.TRUE, 5L, NOW, "Paused", "spec.paused is true"));
  }
}
