package dev.slipway.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeNamesTest {

  @ParameterizedTest
  @CsvSource({"0, aks-pool-12345678-vmss000000", "9, aks-pool-12345678-vmss000009", "35, aks-pool-12345678-vmss00000z",
      "36, aks-pool-12345678-vmss000010", "1296, aks-pool-12345678-vmss000100"})
  void nodeNamesAreTheScaleSetAndTheOrdinalInSixBase36Digits(int ordinal, String name) {
    assertThat(NodeNames.nodeName(NodeNames.scaleSetName("pool", "12345678"), ordinal)).isEqualTo(name);
  }

  @Test
  void theProviderIdLowerCasesOnlyTheNodeResourceGroup() {
    String nodeResourceGroup = NodeNames.nodeResourceGroup("Team-RG", "Prod", "westeurope");

    assertThat(nodeResourceGroup).isEqualTo("MC_Team-RG_Prod_westeurope");
    assertThat(NodeNames.instanceResourceId("sub", nodeResourceGroup, "aks-a-12345678-vmss", 3)).isEqualTo(
        "/subscriptions/sub/resourceGroups/MC_Team-RG_Prod_westeurope/providers/Microsoft.Compute/"
            + "virtualMachineScaleSets/aks-a-12345678-vmss/virtualMachines/3");
    assertThat(NodeNames.providerId("sub", nodeResourceGroup, "aks-a-12345678-vmss", 3)).isEqualTo(
        "azure:///subscriptions/sub/resourceGroups/mc_team-rg_prod_westeurope/providers/Microsoft.Compute/"
            + "virtualMachineScaleSets/aks-a-12345678-vmss/virtualMachines/3");
  }

  @Test
  void scaleSetDigitsAreEightAndStableForACluster() {
    String digits = NodeNames.scaleSetDigits("Sub", "RG", "Cluster");

    assertThat(digits).matches("\\d{8}").isEqualTo(NodeNames.scaleSetDigits("sub", "rg", "cluster"));
    assertThat(NodeNames.scaleSetDigits("sub", "rg", "other")).isNotEqualTo(digits);
  }

  @Test
  void nodeResourceGroupNamesAreCutToArmsLimit() {
    assertThat(NodeNames.nodeResourceGroup("r".repeat(60), "c".repeat(30), "westeurope")).hasSize(80);
  }
}
