package dev.slipway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderIdTest {


  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "aws:///eu-west-1a/i-0123456789abcdef0,   aws:////i-0123456789abcdef0",
      "aws:////i-0123456789abcdef0,             aws:////i-0123456789abcdef0",
      "aws:///eu-west-1a/I-0123456789ABCDEF0,   aws:////i-0123456789abcdef0",
      "' aws:///us-east-1b/i-0abc1234 ',        aws:////i-0abc1234",
      "sim:///dev-sim/pool-a/3,                 sim:///dev-sim/pool-a/3",
      "sim://dev-sim//pool-a/3/,                sim:///dev-sim/pool-a/3",
      "kind://docker/kind/kind-worker,          kind:///docker/kind/kind-worker",
  })
  void canonicalises(String raw, String canonical) {
    assertThat(ProviderId.parse(raw).value()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource({
      "aws:///eu-west-1a/i-0123456789abcdef0, aws:////i-0123456789abcdef0",
      VMSS_PREFIX + "aks-apps-12345678-vmss/virtualMachines/0, "
          + "azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/mc_rg_payments_westeurope/"
          + "providers/Microsoft.Compute/virtualMachineScaleSets/aks-apps-12345678-vmss/virtualMachines/0",
  })
  void sameMachineInAnotherSpelling(String one, String other) {
    assertThat(ProviderId.parse(one)).isEqualTo(ProviderId.parse(other));
  }

  @ParameterizedTest(name = "{0} != {1}")
  @CsvSource({
      // AKS ordinals repeat in every scale set: the same ordinal in two pools is two machines.
      VMSS_PREFIX + "aks-apps-12345678-vmss/virtualMachines/0, "
          + VMSS_PREFIX + "aks-appsv2-87654321-vmss/virtualMachines/0",
      VMSS_PREFIX + "aks-apps-12345678-vmss/virtualMachines/1, "
          + VMSS_PREFIX + "aks-apps-12345678-vmss/virtualMachines/10",
      "sim:///dev-sim/pool-a/3, sim:///dev-sim/pool-b/3",
      "aws:///eu-west-1a/i-0123456789abcdef0, aws:///eu-west-1a/i-0123456789abcdef1",
      // A different cloud is never the same machine, whatever the path.
      "sim:///i-0123456789abcdef0, aws:////i-0123456789abcdef0",
  })
  void differentMachines(String one, String other) {
    assertThat(ProviderId.parse(one)).isNotEqualTo(ProviderId.parse(other));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "i-0123456789abcdef0", "aws://", "aws:///eu-west-1a/", "aws:///eu-west-1a/node-3",
      "azure:///", "://x"})
  void rejectsWhatNamesNoMachine(String raw) {
    assertThatIllegalArgumentException().isThrownBy(() -> ProviderId.parse(raw));
  }

  static final String VMSS_PREFIX = "azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
      + "MC_rg_payments_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/";
}
