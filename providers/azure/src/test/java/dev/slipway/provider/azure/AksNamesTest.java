package dev.slipway.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.AzureClusterSpec;
import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.provider.ClusterTarget;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AksNamesTest {

  static ClusterTarget target(String namespace, String name) {
    return new ClusterTarget(namespace, name, "uid-1", new ClusterSpec(CloudProvider.AZURE, "westeurope", "1.33",
        null, null, new AzureClusterSpec("00000000-0000-0000-0000-000000000001", "rg-payments", null, null,
            Map.of("team", "payments", "slipway-cluster", "forged")), null));
  }

  @Test
  void clusterNamesAreOneToOneAndFitAks() {
    assertThat(AksNames.clusterName("team-a", "payments.weu")).isEqualTo("team-a_payments_weu");
    assertThat(AksNames.clusterName("a-b", "c")).isNotEqualTo(AksNames.clusterName("a", "b-c"));
    String longName = AksNames.clusterName("n".repeat(63), "c".repeat(63));
    assertThat(longName).hasSize(63).matches("^[A-Za-z0-9][-_A-Za-z0-9]{0,61}[A-Za-z0-9]$");
    assertThat(longName).isNotEqualTo(AksNames.clusterName("n".repeat(63), "c".repeat(62) + "d"));
  }

  @Test
  void dnsPrefixesFitAks() {
    assertThat(AksNames.dnsPrefix(target("team-a", "payments"))).isEqualTo("team-a-payments");
    assertThat(AksNames.dnsPrefix(target("n".repeat(40), "c".repeat(40)))).hasSize(54)
        .matches("^[a-zA-Z0-9][-a-zA-Z0-9]*[a-zA-Z0-9]$");
  }

  @Test
  void ownershipTagsWinOverTheClustersOwnTags() {
    assertThat(AksNames.clusterTags(target("team-a", "payments")))
        .containsEntry("team", "payments")
        .containsEntry(AksNames.CLUSTER_TAG, "team-a/payments")
        .containsEntry(AksNames.CLUSTER_UID_TAG, "uid-1");
  }

  @Test
  void roleAssignmentNamesAreStableGuidsPerRegistryAndCluster() {
    String acr = "/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-shared/providers/"
        + "Microsoft.ContainerRegistry/registries/paymentsacr";
    String name = AksNames.roleAssignmentName(target("team-a", "payments"), acr);
    assertThat(name).matches("^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$");
    assertThat(AksNames.roleAssignmentName(target("team-a", "payments"), acr.toUpperCase())).isEqualTo(name);
    assertThat(AksNames.roleAssignmentName(target("team-b", "payments"), acr)).isNotEqualTo(name);
    assertThat(AksNames.acrPullRoleDefinitionId(acr)).isEqualTo("/subscriptions/00000000-0000-0000-0000-000000000002"
        + "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d");
  }

  @Test
  void tagNamesDropWhatAzureRefuses() {
    assertThat(AksNames.tagName("slipway.dev/machinepool")).isEqualTo("slipway.dev_machinepool");
    assertThat(AksNames.tagName("a<b>c%d&e\\f?g")).isEqualTo("a_b_c_d_e_f_g");
  }
}
