package dev.slipway.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesVersionsTest {

  @Test
  void aMinorResolvesToItsLatestPatchAndAPatchStays() {
    assertThat(KubernetesVersions.current("1.33")).isEqualTo("1.33.3");
    assertThat(KubernetesVersions.current("1.32.5")).isEqualTo("1.32.5");
  }

  @ParameterizedTest
  @CsvSource({"1.20, K8sVersionNotSupported", "1.33.99, K8sVersionNotSupported", "v1.33, InvalidParameter",
      "2.1, InvalidParameter"})
  void unknownOrMalformedVersionsAreRefused(String version, String code) {
    assertThatThrownBy(() -> KubernetesVersions.parse(version, "kubernetesVersion"))
        .isInstanceOfSatisfying(ArmException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo(code);
        });
  }

  @ParameterizedTest
  @CsvSource({"1.33.3, 1.33, true", "1.33.3, 1.33.3, true", "1.33.3, 1.33.2, false", "1.33.3, 1.34, false"})
  void askingForTheRunningMinorChangesNothing(String current, String requested, boolean unchanged) {
    assertThat(KubernetesVersions.unchanged(current, requested)).isEqualTo(unchanged);
  }

  @ParameterizedTest
  @CsvSource({
      "1.32.7, 1.33, true, ",
      "1.32.7, 1.32.7, true, ",
      "1.31.11, 1.33, true, one minor version at a time",
      "1.31.11, 1.33, false, ",
      "1.33.3, 1.32, true, Downgrading",
      "1.33.3, 1.33.2, false, Downgrading"})
  void controlPlanesMoveUpOneMinorAtATimeAndNothingMovesDown(String current, String requested,
      boolean controlPlane, String refusal) {
    if (refusal == null) {
      assertThatCode(() -> KubernetesVersions.checkUpgrade(current, requested, "kubernetesVersion", controlPlane))
          .doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> KubernetesVersions.checkUpgrade(current, requested, "kubernetesVersion",
          controlPlane)).isInstanceOfSatisfying(ArmException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(refusal);
          });
    }
  }

  @ParameterizedTest
  @CsvSource({"1.33, 1.33.3, true", "1.30, 1.33, true", "1.29, 1.33, false", "1.34, 1.33, false",
      "1.33.3, 1.33.2, false"})
  void poolsStayWithinThreeMinorsBelowTheControlPlane(String pool, String controlPlane, boolean allowed) {
    if (allowed) {
      assertThatCode(() -> KubernetesVersions.checkPoolSkew(pool, controlPlane)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> KubernetesVersions.checkPoolSkew(pool, controlPlane))
          .isInstanceOfSatisfying(ArmException.class,
              e -> assertThat(e.code()).isEqualTo("NodePoolMcVersionIncompatible"));
    }
  }
}
