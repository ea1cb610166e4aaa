package dev.slipway.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentPoolRulesTest {

  private static final String CONTROL_PLANE = "1.33";

  @ParameterizedTest
  @ValueSource(strings = {"a", "pool1", "abcdefghijkl"})
  void linuxPoolNamesAreUpToTwelveLowercaseAlphanumericsStartingWithALetter(String name) {
    assertThatCode(() -> AgentPoolRules.checkName(name, "Linux")).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1pool", "Pool", "pool-1", "abcdefghijklm", "pool_1"})
  void otherPoolNamesAreRefused(String name) {
    assertThatThrownBy(() -> AgentPoolRules.checkName(name, "Linux")).isInstanceOfSatisfying(ArmException.class,
        e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("InvalidParameter");
        });
  }

  @Test
  void windowsPoolNamesAreAtMostSixCharacters() {
    assertThatThrownBy(() -> AgentPoolRules.checkName("winpool", "Windows")).isInstanceOf(ArmException.class);
  }

  @Test
  void createFillsAksDefaults() {
    PoolSettings pool = AgentPoolRules.forCreate("user", settings("{}"), CONTROL_PLANE);

    assertThat(pool.count()).isEqualTo(1);
    assertThat(pool.mode()).isEqualTo("User");
    assertThat(pool.osType()).isEqualTo("Linux");
    assertThat(pool.osSku()).isEqualTo("Ubuntu");
    assertThat(pool.type()).isEqualTo("VirtualMachineScaleSets");
    assertThat(pool.orchestratorVersion()).isEqualTo(CONTROL_PLANE);
    assertThat(pool.scaleSetPriority()).isEqualTo("Regular");
    assertThat(pool.osDiskSizeGB()).isEqualTo(128);
    assertThat(pool.autoScaling()).isFalse();
  }

  @Test
  void spotPoolsGetAksLabelAndTaintAndCannotBeSystemPools() {
    PoolSettings spot = AgentPoolRules.forCreate("spot", settings("{\"scaleSetPriority\":\"Spot\","
        + "\"nodeTaints\":[\"team=a:NoSchedule\"]}"), CONTROL_PLANE);

    assertThat(spot.nodeLabels()).containsEntry(AgentPoolRules.SPOT_LABEL, "spot");
    assertThat(spot.nodeTaints()).containsExactly("team=a:NoSchedule", AgentPoolRules.SPOT_TAINT);
    assertThat(spot.scaleSetEvictionPolicy()).isEqualTo("Delete");
    assertThat(spot.spotMaxPrice()).isEqualTo(-1.0);
    assertThatThrownBy(() -> AgentPoolRules.forCreate("sys", settings("{\"scaleSetPriority\":\"Spot\","
        + "\"mode\":\"System\"}"), CONTROL_PLANE)).isInstanceOfSatisfying(ArmException.class,
            e -> assertThat(e.target()).isEqualTo("scaleSetPriority"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"nodeTaints\":[\"nocolon\"]}|nodeTaints",
      "{\"nodeTaints\":[\"a=b:Sometimes\"]}|nodeTaints",
      "{\"nodeLabels\":{\"kubernetes.azure.com/mode\":\"x\"}}|nodeLabels",
      "{\"availabilityZones\":[\"1\",\"4\"]}|availabilityZones",
      "{\"availabilityZones\":[\"1\",\"1\"]}|availabilityZones",
      "{\"mode\":\"System\",\"count\":0}|count",
      "{\"count\":1001}|count",
      "{\"maxPods\":5}|maxPods",
      "{\"enableAutoScaling\":true,\"minCount\":1}|maxCount",
      "{\"enableAutoScaling\":true,\"minCount\":3,\"maxCount\":2}|maxCount",
      "{\"enableAutoScaling\":true,\"minCount\":1,\"maxCount\":2,\"count\":5}|count",
      "{\"osSKU\":\"Windows2022\"}|osSKU",
      "{\"osDiskType\":\"Premium\"}|osDiskType",
      "{\"type\":\"AvailabilitySet\"}|type",
      "{\"orchestratorVersion\":\"1.34\"}|orchestratorVersion",
      "{\"count\":\"three\"}|count"})
  void createRefusesWhatAksRefusesNamingTheProperty(String properties, String target) {
    assertThatThrownBy(() -> AgentPoolRules.forCreate("user", settings(properties), CONTROL_PLANE))
        .isInstanceOfSatisfying(ArmException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.target()).isEqualTo(target);
        });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"vmSize\":\"Standard_D8s_v5\"}|vmSize",
      "{\"osDiskSizeGB\":256}|osDiskSizeGB",
      "{\"osDiskType\":\"Ephemeral\"}|osDiskType",
      "{\"maxPods\":110}|maxPods",
      "{\"scaleSetPriority\":\"Spot\"}|scaleSetPriority",
      "{\"availabilityZones\":[\"1\"]}|availabilityZones",
      "{\"osSKU\":\"AzureLinux\"}|osSKU",
      "{\"osType\":\"Windows\"}|osType",
      "{\"kubeletConfig\":{\"cpuManagerPolicy\":\"static\"}}|kubeletConfig",
      "{\"vnetSubnetID\":\"/subscriptions/s/other\"}|vnetSubnetID"})
  void immutablePropertiesCannotChangeInPlace(String change, String property) {
    PoolSettings current = AgentPoolRules.forCreate("user", settings("{\"vmSize\":\"Standard_D4s_v5\","
        + "\"availabilityZones\":[\"1\",\"2\"],\"vnetSubnetID\":\"/subscriptions/s/subnet\"}"), CONTROL_PLANE);

    assertThatThrownBy(() -> AgentPoolRules.forUpdate(current, "1.33.3", settings(change), CONTROL_PLANE))
        .isInstanceOfSatisfying(ArmException.class, e -> {
          assertThat(e.code()).isEqualTo("PropertyChangeNotAllowed");
          assertThat(e.getMessage()).contains(property);
        });
  }

  @Test
  void anUpdateKeepsWhatItOmitsAndEchoingTheSameValuesIsNoChange() {
    PoolSettings current = AgentPoolRules.forCreate("user", settings("{\"vmSize\":\"Standard_D4s_v5\","
        + "\"availabilityZones\":[\"2\",\"1\"],\"nodeLabels\":{\"a\":\"b\"},\"count\":2}"), CONTROL_PLANE);

    PoolSettings updated = AgentPoolRules.forUpdate(current, "1.33.3", settings("{\"vmSize\":\"standard_d4s_v5\","
        + "\"availabilityZones\":[\"1\",\"2\"],\"count\":2,\"mode\":\"System\"}"), CONTROL_PLANE);

    assertThat(updated.nodeLabels()).containsEntry("a", "b");
    assertThat(updated.mode()).isEqualTo("System");
    assertThat(AgentPoolRules.classify(current, "1.33.3", updated)).isEqualTo(AgentPoolRules.Change.UPDATE);
  }

  @Test
  void countChangesScaleAndVersionChangesUpgrade() {
    PoolSettings current = AgentPoolRules.forCreate("user", settings("{\"orchestratorVersion\":\"1.32\"}"),
        CONTROL_PLANE);

    PoolSettings scaled = AgentPoolRules.forUpdate(current, "1.32.7", settings("{\"count\":3}"), CONTROL_PLANE);
    PoolSettings upgraded = AgentPoolRules.forUpdate(current, "1.32.7", settings("{\"orchestratorVersion\":\"1.33\"}"),
        CONTROL_PLANE);

    assertThat(AgentPoolRules.classify(current, "1.32.7", scaled)).isEqualTo(AgentPoolRules.Change.SCALE);
    assertThat(AgentPoolRules.classify(current, "1.32.7", upgraded)).isEqualTo(AgentPoolRules.Change.UPGRADE);
    assertThatThrownBy(() -> AgentPoolRules.forUpdate(current, "1.32.7",
        settings("{\"orchestratorVersion\":\"1.31\"}"), CONTROL_PLANE)).isInstanceOf(ArmException.class);
    assertThatThrownBy(() -> AgentPoolRules.forUpdate(current, "1.32.7",
        settings("{\"orchestratorVersion\":\"1.34\"}"), CONTROL_PLANE))
        .isInstanceOfSatisfying(ArmException.class,
            e -> assertThat(e.code()).isEqualTo("NodePoolMcVersionIncompatible"));
  }

  @Test
  void theAutoscalerOwnsTheCountOfAnAutoscaledPool() {
    PoolSettings current = AgentPoolRules.forCreate("user", settings("{\"enableAutoScaling\":true,\"minCount\":1,"
        + "\"maxCount\":5}"), CONTROL_PLANE);

    assertThat(current.count()).isEqualTo(1);
    assertThatThrownBy(() -> AgentPoolRules.forUpdate(current, "1.33.3", settings("{\"count\":3}"), CONTROL_PLANE))
        .isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.target()).isEqualTo("count"));
    PoolSettings raisedFloor = AgentPoolRules.forUpdate(current, "1.33.3", settings("{\"minCount\":2}"),
        CONTROL_PLANE);
    assertThat(raisedFloor.count()).isEqualTo(2);
    PoolSettings manual = AgentPoolRules.forUpdate(current, "1.33.3", settings("{\"enableAutoScaling\":false,"
        + "\"count\":4}"), CONTROL_PLANE);
    assertThat(manual.count()).isEqualTo(4);
    assertThat(manual.minCount()).isNull();
  }

  private static PoolSettings settings(String json) {
    JsonObject properties = JsonParser.parseString(json).getAsJsonObject();
    return PoolSettings.fromJson(properties);
  }
}
