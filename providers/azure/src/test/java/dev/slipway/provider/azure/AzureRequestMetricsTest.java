package dev.slipway.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AzureRequestMetricsTest {

  private static final String CLUSTER = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/"
      + "managedClusters/team-a_payments";

  @Test
  void namesTheResourceTypeNeverTheIdentifiers() {
    assertThat(AzureRequestMetrics.names("PUT", CLUSTER + "/agentPools/apps1a2b3c4d"))
        .containsExactly("containerservice", "PUT agentPools");
    assertThat(AzureRequestMetrics.names("GET", CLUSTER + "/agentPools"))
        .containsExactly("containerservice", "GET agentPools");
    assertThat(AzureRequestMetrics.names("GET", CLUSTER))
        .containsExactly("containerservice", "GET managedClusters");
    assertThat(AzureRequestMetrics.names("POST", CLUSTER + "/listClusterAdminCredential"))
        .containsExactly("containerservice", "POST listClusterAdminCredential");
    assertThat(AzureRequestMetrics.names("GET", CLUSTER + "/agentPools/apps1a2b3c4d/machines"))
        .containsExactly("containerservice", "GET machines");
    assertThat(AzureRequestMetrics.names("GET", "/subscriptions/s/providers/Microsoft.ContainerService/locations/"
        + "westeurope/operations/0f1e")).containsExactly("containerservice", "GET operations");
    assertThat(AzureRequestMetrics.names("PUT", "/subscriptions/s/resourceGroups/rg/providers/"
        + "Microsoft.ContainerRegistry/registries/acr/providers/Microsoft.Authorization/roleAssignments/0f1e"))
        .containsExactly("authorization", "PUT roleAssignments");
    assertThat(AzureRequestMetrics.names("GET", "/metadata")).containsExactly("unknown", "GET");
  }

  @Test
  void outcomesFollowTheStatus() {
    assertThat(AzureRequestMetrics.outcome(201)).isEqualTo("success");
    assertThat(AzureRequestMetrics.outcome(429)).isEqualTo("throttled");
    assertThat(AzureRequestMetrics.outcome(409)).isEqualTo("client_error");
    assertThat(AzureRequestMetrics.outcome(503)).isEqualTo("server_error");
  }
}
