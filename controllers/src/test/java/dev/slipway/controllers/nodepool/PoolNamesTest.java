package dev.slipway.controllers.nodepool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.CloudProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolNamesTest {

  // The rules the MachinePool CRD enforces (MachinePoolSpec): names produced here must pass them.
  private static final String AKS_RULE = "^[a-z][a-z0-9]{0,11}$";
  private static final String EKS_RULE = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$";
  private static final String HASH = "v1-41883d1dd9";

  @ParameterizedTest
  @ValueSource(strings = {"apps", "payments-weu-system", "a", "1st-pool", "x123456789-0",
      "a23456789012345678901234567890123456789012345678901234567890123"})
  void cloudNamesPassTheCloudRules(String nodepool) {
    assertThat(PoolNames.cloudPool(CloudProvider.AZURE, nodepool, HASH)).matches(AKS_RULE);
    assertThat(PoolNames.cloudPool(CloudProvider.AWS, nodepool, HASH)).matches(EKS_RULE);
    assertThat(PoolNames.cloudPool(CloudProvider.SIM, nodepool, HASH)).matches(EKS_RULE);
    assertThat(PoolNames.machinePool(nodepool, HASH)).matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$").hasSizeLessThan(80);
  }

  @Test
  void namesAreDeterministic() {
    assertThat(PoolNames.machinePool("apps", HASH)).isEqualTo("apps-41883d1dd9");
    assertThat(PoolNames.cloudPool(CloudProvider.AWS, "apps", HASH)).isEqualTo("apps-41883d1dd9");
    assertThat(PoolNames.cloudPool(CloudProvider.AZURE, "apps", HASH))
        .isEqualTo(PoolNames.cloudPool(CloudProvider.AZURE, "apps", HASH))
        .startsWith("apps").hasSize(12);
  }

  @Test
  void nodepoolsWithTheSamePrefixAndTemplateGetDifferentAksNames() {
    assertThat(PoolNames.cloudPool(CloudProvider.AZURE, "payments-weu-system", HASH))
        .isNotEqualTo(PoolNames.cloudPool(CloudProvider.AZURE, "payments-weu-apps", HASH));
  }

  @Test
  void aNewTemplateGetsANewName() {
    for (CloudProvider provider : CloudProvider.values()) {
      assertThat(PoolNames.cloudPool(provider, "apps", "v1-0000000000"))
          .isNotEqualTo(PoolNames.cloudPool(provider, "apps", HASH));
    }
  }

  @org.junit.jupiter.api.Test
  void aReplacementOfADriftedPoolGetsItsOwnNamesWithinTheCloudRules() {
    assertThat(PoolNames.machinePool("apps", HASH, 0)).isEqualTo(PoolNames.machinePool("apps", HASH));
    assertThat(PoolNames.machinePool("apps", HASH, 2)).isEqualTo("apps-41883d1dd9-r2");
    for (CloudProvider provider : CloudProvider.values()) {
      assertThat(PoolNames.cloudPool(provider, "apps", HASH, 0)).isEqualTo(PoolNames.cloudPool(provider, "apps", HASH));
      assertThat(PoolNames.cloudPool(provider, "apps", HASH, 1))
          .isNotEqualTo(PoolNames.cloudPool(provider, "apps", HASH))
          .isNotEqualTo(PoolNames.cloudPool(provider, "apps", HASH, 2));
    }
    String longName = "a".repeat(63);
    assertThat(PoolNames.cloudPool(CloudProvider.AZURE, longName, HASH, 12)).matches(AKS_RULE);
    assertThat(PoolNames.cloudPool(CloudProvider.AWS, longName, HASH, 12)).matches(EKS_RULE).endsWith("-r12");
  }
}
