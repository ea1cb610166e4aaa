package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EksVersionsTest {

  @ParameterizedTest(name = "cloud {0}, Slipway {1} -> {2}")
  @CsvSource({
      "1.33, 1.33, 1.33",
      "1.33, 1.33.2, 1.33.2",
      "1.32, 1.33, 1.32",
      "1.34, 1.33.2, 1.34",
      "1.33, , 1.33"})
  void reportsSlipwaySpellingOnlyForTheSameMinor(String cloud, String slipway, String expected) {
    assertThat(EksVersions.reported(cloud, slipway)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1.33, 33, 1.33", "1.33.2, 33, 1.33", "1.9, 9, 1.9"})
  void minorAndEksForm(String version, int minor, String eks) {
    assertThat(EksVersions.minor(version)).isEqualTo(minor);
    assertThat(EksVersions.eksVersion(version)).isEqualTo(eks);
  }
}
