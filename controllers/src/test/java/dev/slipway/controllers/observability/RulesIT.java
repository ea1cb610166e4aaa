package dev.slipway.controllers.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.slipway.testing.prometheus.PromQueries;
import dev.slipway.testing.prometheus.PromQueries.Query;
import dev.slipway.testing.prometheus.Promtool;
import dev.slipway.testing.tools.Helm;
import dev.slipway.testing.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The chart's Prometheus rules and Grafana dashboards against Prometheus' own promtool (Debian's 2.42 package) and
 * the chart rendered by the project's helm: the rules check and pass their unit tests, every dashboard query parses,
 * and the chart ships the files unchanged.
 */
class RulesIT {

  private static Promtool promtool;

  @TempDir
  Path dir;

  @BeforeAll
  static void locate() {
    promtool = Promtool.locate();
  }

  @Test
  void theRulesPassPromtoolCheck() {
    ToolResult check = promtool.checkRules(ObservabilityFiles.rulesFile());

    assertThat(check.exitCode()).as(check.toString()).isZero();
    int rules = ObservabilityFiles.rules(ObservabilityFiles.yaml(ObservabilityFiles.rulesFile())).size();
    assertThat(check.stdout()).contains("SUCCESS: " + rules + " rules found");
  }

  @Test
  void theRuleUnitTestsPass() {
    List<Path> tests = ObservabilityFiles.ruleTestFiles();
    assertThat(tests).isNotEmpty();

    ToolResult run = promtool.testRules(tests.toArray(Path[]::new));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout().split("SUCCESS", -1)).hasSize(tests.size() + 1);
  }

  @Test
  void aRuleUnitTestCanFail() throws IOException {
    Files.writeString(dir.resolve("slipway-rules.yaml"), ObservabilityFiles.read(ObservabilityFiles.rulesFile())
        .replace("slipway:nodepool_rollout_max_seconds:max > 7200", "slipway:nodepool_rollout_max_seconds:max > 60"));
    Files.createDirectories(dir.resolve("tests"));
    Path test = dir.resolve("tests/alerts-test.yaml");
    Files.writeString(test, ObservabilityFiles.read(ObservabilityFiles.chart().resolve("rules/tests/alerts-test.yaml")));

    ToolResult run = promtool.testRules(test);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stderr() + run.stdout()).contains("alertname: SlipwayRolloutStuck");
  }

  /** Step 3 of the rules' contract: every alert fires in one case and stays quiet in another; every record is tested. */
  @Test
  @SuppressWarnings("unchecked")
  void everyAlertHasAFiringAndAQuietCaseAndEveryRecordingRuleIsTested() {
    Set<String> firing = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    StringBuilder exprs = new StringBuilder();
    for (Path file : ObservabilityFiles.ruleTestFiles()) {
      for (Map<String, Object> test : (List<Map<String, Object>>) ObservabilityFiles.yaml(file).get("tests")) {
        for (Map<String, Object> alertTest : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test",
            List.of())) {
          List<?> expected = (List<?>) alertTest.get("exp_alerts");
          (expected == null || expected.isEmpty() ? quiet : firing).add((String) alertTest.get("alertname"));
        }
        for (Map<String, Object> exprTest : (List<Map<String, Object>>) test.getOrDefault("promql_expr_test",
            List.of())) {
          exprs.append(exprTest.get("expr")).append('\n');
        }
      }
    }
    for (Map<String, Object> rule : ObservabilityFiles.rules(ObservabilityFiles.yaml(ObservabilityFiles.rulesFile()))) {
      if (rule.containsKey("alert")) {
        assertThat(firing).as("alerts with a firing case").contains((String) rule.get("alert"));
        assertThat(quiet).as("alerts with a quiet case").contains((String) rule.get("alert"));
      } else {
        assertThat(exprs.toString()).as("promql_expr_test exprs").contains((String) rule.get("record"));
      }
    }
  }

  @Test
  void everyDashboardQueryParses() {
    List<Query> queries = PromQueries.fromDashboards(ObservabilityFiles.dashboardsDir());
    assertThat(queries).hasSizeGreaterThan(ObservabilityFiles.dashboardFiles().size());

    assertThat(new QuerySyntaxCheck(promtool, dir).problems(queries)).isEmpty();
  }

  @Test
  void aBrokenDashboardQueryIsReportedByItsPanel() throws IOException {
    Path dashboards = Files.createDirectories(dir.resolve("dashboards"));
    for (Path file : ObservabilityFiles.dashboardFiles()) {
      Files.copy(file, dashboards.resolve(file.getFileName()));
    }
    Path rollouts = dashboards.resolve("rollouts.json");
    String original = Files.readString(rollouts);
    String broken = original.replaceFirst("histogram_quantile\\(0\\.9, sum by \\(provider, le\\)",
        "histogram_quantile(0.9, sum by (provider, le");
    assertThat(broken).isNotEqualTo(original);
    Files.writeString(rollouts, broken);

    List<String> problems = new QuerySyntaxCheck(promtool, dir).problems(PromQueries.fromDashboards(dashboards));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("rollouts.json / Rollout duration p50 / p90 [B]: ");
  }

  @Test
  void theChartShipsEachDashboardAsAConfigMapAndTheRulesAsAPrometheusRule() {
    List<Map<String, Object>> manifests = template("--set", "dashboards.enabled=true",
        "--set", "prometheusRule.enabled=true");

    List<Map<String, Object>> dashboards = ofKind(manifests, "ConfigMap").stream()
        .filter(m -> "1".equals(labels(m).get("grafana_dashboard"))).toList();
    assertThat(dashboards).hasSameSizeAs(ObservabilityFiles.dashboardFiles());
    for (Path file : ObservabilityFiles.dashboardFiles()) {
      String key = file.getFileName().toString();
      Map<String, Object> configMap = dashboards.stream().filter(m -> data(m).containsKey(key)).findFirst()
          .orElseThrow(() -> new AssertionError("no dashboard ConfigMap holds " + key));
      assertThat(data(configMap)).hasSize(1);
      assertThat(JsonParser.parseString(data(configMap).get(key))).as(key)
          .isEqualTo(ObservabilityFiles.json(file));
      assertThat(metadata(configMap).get("namespace")).isEqualTo("slipway-system");
    }

    List<Map<String, Object>> rules = ofKind(manifests, "PrometheusRule");
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
    assertThat(spec(rules.get(0)).get("groups"))
        .isEqualTo(ObservabilityFiles.yaml(ObservabilityFiles.rulesFile()).get("groups"));
  }

  @Test
  void theChartHonoursTheDashboardAndRuleValues() {
    List<Map<String, Object>> manifests = template("--set", "dashboards.namespace=monitoring",
        "--set", "dashboards.annotations.grafana_folder=Slipway", "--set", "prometheusRule.enabled=true",
        "--set", "prometheusRule.labels.release=kube-prometheus-stack",
        "--set", "prometheusRule.jobLabel=slipway");

    List<Map<String, Object>> dashboards = ofKind(manifests, "ConfigMap").stream()
        .filter(m -> "1".equals(labels(m).get("grafana_dashboard"))).toList();
    assertThat(dashboards).hasSameSizeAs(ObservabilityFiles.dashboardFiles()).allSatisfy(m -> {
      assertThat(metadata(m).get("namespace")).isEqualTo("monitoring");
      assertThat((Map<String, Object>) metadata(m).get("annotations")).containsEntry("grafana_folder", "Slipway");
    });
    Map<String, Object> rule = ofKind(manifests, "PrometheusRule").get(0);
    assertThat(labels(rule)).containsEntry("release", "kube-prometheus-stack");
    String groups = new Yaml().dump(spec(rule).get("groups"));
    int selectors = count(ObservabilityFiles.read(ObservabilityFiles.rulesFile()), "job=\"slipway-controllers\"");
    assertThat(selectors).isPositive();
    assertThat(count(groups, "job=\"slipway\"")).isEqualTo(selectors);
    assertThat(groups).doesNotContain("job=\"slipway-controllers\"");
  }

  @Test
  void theChartLeavesThemOutWhenDisabled() {
    List<Map<String, Object>> manifests = template("--set", "dashboards.enabled=false",
        "--set", "prometheusRule.enabled=false");

    assertThat(ofKind(manifests, "PrometheusRule")).isEmpty();
    assertThat(ofKind(manifests, "ConfigMap")).noneMatch(m -> labels(m).containsKey("grafana_dashboard"));
  }

  private List<Map<String, Object>> template(String... values) {
    List<String> args = new ArrayList<>(List.of("template", "slipway", ObservabilityFiles.chart().toString(),
        "--namespace", "slipway-system"));
    args.addAll(List.of(values));
    ToolResult rendered = Helm.locate().run(dir, args.toArray(String[]::new));
    assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
    List<Map<String, Object>> manifests = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered.stdout())) {
      if (document != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) document;
        manifests.add(manifest);
      }
    }
    return manifests;
  }

  private static List<Map<String, Object>> ofKind(List<Map<String, Object>> manifests, String kind) {
    return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> manifest) {
    return (Map<String, Object>) manifest.get("metadata");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> manifest) {
    Object labels = metadata(manifest).get("labels");
    return labels == null ? Map.of() : (Map<String, Object>) labels;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> data(Map<String, Object> manifest) {
    Object data = manifest.get("data");
    return data == null ? Map.of() : (Map<String, String>) data;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> manifest) {
    return (Map<String, Object>) manifest.get("spec");
  }

  private static int count(String text, String needle) {
    Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
