package dev.slipway.controllers.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressTest {

  private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC);

  @ParameterizedTest(name = "Ready {0} {1}, Paused {2}, before: {3} -> Reconciling {4}, Stalled {5}")
  @CsvSource(delimiter = '|', textBlock = """
      # Ready  | reason                | Paused | present before        | Reconciling         | Stalled
      -        | -                     | -      | -                     | WaitingForController| -
      FALSE    | Creating              | -      | -                     | Creating            | -
      FALSE    | CloudError            | -      | Stalled               | CloudError          | -
      FALSE    | PermanentCloudError   | -      | Reconciling           | -                   | PermanentCloudError
      FALSE    | ProviderNotConfigured | -      | -                     | -                   | ProviderNotConfigured
      FALSE    | UnknownHashFunction   | -      | -                     | -                   | UnknownHashFunction
      TRUE     | Ready                 | -      | Reconciling,Stalled   | -                   | -
      FALSE    | Creating              | TRUE   | Reconciling           | -                   | -
      FALSE    | Paused                | -      | Reconciling           | -                   | -
      """)
  void derivesReconcilingAndStalledFromReady(String ready, String reason, String paused, String before,
      String reconciling, String stalled) {
    List<Condition> conditions = new ArrayList<>();
    if (!ready.equals("-")) {
      conditions.add(new Condition("Ready", ConditionStatus.valueOf(ready), 3L, NOW, reason, "why: " + reason));
    }
    if (!paused.equals("-")) {
      conditions.add(new Condition("Paused", ConditionStatus.TRUE, 3L, NOW, "Paused", "paused"));
    }
    if (!before.equals("-")) {
      for (String type : before.split(",")) {
        conditions.add(new Condition(type, ConditionStatus.TRUE, 2L, NOW.minusHours(1), "Old", "old"));
      }
    }

    List<Condition> summarized = Progress.summarize(conditions, 3L, NOW);

    assertReason(summarized, "Reconciling", reconciling);
    assertReason(summarized, "Stalled", stalled);
    assertThat(Progress.summarize(summarized, 3L, NOW.plusMinutes(5))).as("idempotent").isEqualTo(summarized);
  }

  @Test
  void aStalledObjectHasObservedItsGenerationOthersKeepTheirs() {
    List<Condition> stalled = Progress.summarize(List.of(new Condition("Ready", ConditionStatus.FALSE, 4L, NOW,
        "ProviderNotConfigured", "provider azure is not configured")), 4L, NOW);
    List<Condition> reconciling = Progress.summarize(List.of(new Condition("Ready", ConditionStatus.FALSE, 4L, NOW,
        "Creating", "creating")), 4L, NOW);

    assertThat(Progress.observedGeneration(stalled, 2L, 4L)).isEqualTo(4L);
    assertThat(Progress.observedGeneration(reconciling, 2L, 4L)).isEqualTo(2L);
    assertThat(Progress.observedGeneration(reconciling, null, 4L)).isNull();
  }

  private static void assertReason(List<Condition> conditions, String type, String expected) {
    Condition condition = Conditions.find(conditions, type);
    if (expected.equals("-")) {
      assertThat(condition).as(type).isNull();
      return;
    }
    assertThat(condition).as(type).isNotNull();
    assertThat(condition.status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(condition.reason()).isEqualTo(expected);
    assertThat(condition.observedGeneration()).isEqualTo(3L);
  }
}
