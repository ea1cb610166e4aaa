package dev.slipway.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleAssignmentFilterTest {

  private static final String SUB = "/subscriptions/s";
  private static final String RG = SUB + "/resourceGroups/rg";
  private static final String ACR = RG + "/providers/Microsoft.ContainerRegistry/registries/acr";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "|" + RG + "|" + SUB + "|true",
      "|" + RG + "|" + RG + "|true",
      "|" + RG + "|" + ACR + "|true",
      "atScope()|" + RG + "|" + ACR + "|false",
      "atScope()|" + RG + "|" + SUB + "|true",
      "atScope()|" + ACR + "|/SUBSCRIPTIONS/S/resourcegroups/RG/providers/microsoft.containerregistry/registries/ACR/|true",
      "principalId eq 'P1'|" + ACR + "|" + ACR + "|true",
      "principalId eq 'p2'|" + ACR + "|" + ACR + "|false",
      "atScope() and assignedTo('p1')|" + ACR + "|" + RG + "|true",
      "|" + ACR + "|" + RG + "/providers/Microsoft.ContainerRegistry/registries/acr2|false"})
  void listsShowAssignmentsAtAboveAndUnlessAtScopeBelow(String filter, String requestScope, String assignmentScope,
      boolean listed) {
    assertThat(RoleAssignmentFilter.parse(filter).accepts(requestScope, assignmentScope, "p1")).isEqualTo(listed);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"roleName eq 'AcrPull'", "principalId ne 'x'", "atScope"})
  void otherFiltersAreRefused(String filter) {
    assertThatThrownBy(() -> RoleAssignmentFilter.parse(filter)).isInstanceOfSatisfying(ArmException.class,
        e -> assertThat(e.status()).isEqualTo(400));
  }
}
