package dev.slipway.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoScalerProfilesTest {

  @Test
  void everyOmittedSettingGetsAksDefault() {
    JsonObject profile = AutoScalerProfiles.withDefaults(json("{\"expander\":\"least-waste\",\"scan-interval\":\"20s\","
        + "\"daemonset-eviction-for-empty-nodes\":true,\"unknown-setting\":\"x\"}"));

    assertThat(profile.keySet()).hasSize(20).doesNotContain("unknown-setting");
    assertThat(profile.get("expander").getAsString()).isEqualTo("least-waste");
    assertThat(profile.get("scan-interval").getAsString()).isEqualTo("20s");
    assertThat(profile.get("daemonset-eviction-for-empty-nodes").getAsBoolean()).isTrue();
    assertThat(profile.get("daemonset-eviction-for-occupied-nodes").getAsBoolean()).isTrue();
    assertThat(profile.get("ignore-daemonsets-utilization").getAsBoolean()).isFalse();
    assertThat(profile.get("scale-down-utilization-threshold").getAsString()).isEqualTo("0.5");
    assertThat(profile.get("max-node-provision-time").getAsString()).isEqualTo("15m");
    assertThat(profile.get("skip-nodes-with-system-pods").getAsString()).isEqualTo("true");
  }

  @Test
  void defaultsAloneAreAProfile() {
    assertThat(AutoScalerProfiles.defaults().get("expander").getAsString()).isEqualTo("random");
    assertThat(AutoScalerProfiles.defaults().get("balance-similar-node-groups").getAsString()).isEqualTo("false");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "expander|\"fastest\"",
      "scan-interval|\"10\"",
      "scale-down-unneeded-time|\"ten minutes\"",
      "scale-down-utilization-threshold|\"1.5\"",
      "scale-down-utilization-threshold|\"0\"",
      "max-total-unready-percentage|\"101\"",
      "max-empty-bulk-delete|\"-1\"",
      "balance-similar-node-groups|\"yes\"",
      "daemonset-eviction-for-empty-nodes|\"true\"",
      "skip-nodes-with-local-storage|false"})
  void anUnusableValueIsRefusedNamingTheSetting(String key, String value) {
    assertThatThrownBy(() -> AutoScalerProfiles.withDefaults(json("{\"" + key + "\":" + value + "}")))
        .isInstanceOfSatisfying(ArmException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("InvalidParameter");
          assertThat(e.target()).isEqualTo("properties.autoScalerProfile." + key);
          assertThat(e.getMessage()).contains(key);
        });
  }

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }
}
