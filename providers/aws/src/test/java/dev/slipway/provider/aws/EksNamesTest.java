package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EksNamesTest {

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
      "team-a, checkout-euw1, team-a_checkout-euw1",
      "team-a, checkout.euw1, team-a_checkout_euw1",
      "default, a, default_a"})
  void namespaceUnderscoreName(String namespace, String name, String expected) {
    assertThat(EksNames.clusterName(namespace, name)).isEqualTo(expected).matches(EksNames.CLUSTER_NAME);
  }

  @Test
  void namesThatDashesWouldConfuseStayApart() {
    assertThat(EksNames.clusterName("team-a", "prod")).isNotEqualTo(EksNames.clusterName("team", "a-prod"));
  }

  @Test
  void longNamesAreShortenedWithAHashAndStayWithinEksRules() {
    String namespace = "n".repeat(63);
    String name = "c".repeat(60);
    String shortened = EksNames.clusterName(namespace, name);

    assertThat(shortened).hasSize(100).matches(EksNames.CLUSTER_NAME)
        .startsWith(namespace + "_").endsWith("-" + EksNames.sha256Hex(namespace + "/" + name).substring(0, 10));
    assertThat(EksNames.clusterName(namespace, name)).isEqualTo(shortened);
    assertThat(EksNames.clusterName(namespace, name + "x")).isNotEqualTo(shortened).hasSize(100);
  }

  @Test
  void exactlyOneHundredCharactersIsKept() {
    String namespace = "n".repeat(49);
    String name = "c".repeat(50);
    assertThat(EksNames.clusterName(namespace, name)).isEqualTo(namespace + "_" + name).hasSize(100);
  }
}
