package dev.slipway.controllers.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.controlplane.Manifests;
import dev.slipway.testing.controlplane.ProjectLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart renders its RBAC from {@code charts/slipway/files/rbac/*.yaml}; these must carry exactly the rules of the
 * reviewed least-privilege RBAC in {@code config/rbac}, so the two cannot drift apart. (ChartIT checks the rendered
 * chart against the same files.)
 */
class ChartRbacRulesTest {

  private static final Path CHART_RULES = ProjectLayout.root().resolve("charts/slipway/files/rbac");
  private static final Path CONFIG_RBAC = ProjectLayout.root().resolve("config/rbac");

  @ParameterizedTest(name = "{0} has the rules of {2} {3} in config/rbac/{1}")
  @CsvSource({
      "controllers.yaml,           role.yaml,                 ClusterRole, slipway-controllers",
      "controllers-namespace.yaml, leader-election-role.yaml, Role,        slipway-controllers",
      "user-edit.yaml,             user-roles.yaml,           ClusterRole, slipway-edit",
      "user-view.yaml,             user-roles.yaml,           ClusterRole, slipway-view",
      "user-identity-admin.yaml,   user-roles.yaml,           ClusterRole, slipway-identity-admin",
  })
  void chartRulesAreTheReviewedRules(String chartFile, String configFile, String kind, String name) {
    Map<String, Object> chart = Manifests.load(CHART_RULES.resolve(chartFile)).get(0);
    Map<String, Object> reviewed = Manifests.load(CONFIG_RBAC.resolve(configFile)).stream()
        .filter(m -> kind.equals(m.get("kind")) && name.equals(name(m)))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in config/rbac/" + configFile));

    assertThat(rules(chart))
        .as("charts/slipway/files/rbac/%s must have the same rules as %s %s in config/rbac/%s: change both together",
            chartFile, kind, name, configFile)
        .isNotEmpty()
        .isEqualTo(rules(reviewed));
  }

  @SuppressWarnings("unchecked")
  static List<Object> rules(Map<String, Object> manifest) {
    return (List<Object>) manifest.get("rules");
  }

  @SuppressWarnings("unchecked")
  private static String name(Map<String, Object> manifest) {
    return Objects.toString(((Map<String, Object>) manifest.get("metadata")).get("name"), null);
  }
}
