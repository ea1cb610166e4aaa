package dev.slipway.testing.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.testing.prometheus.PromQueries.Query;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromQueriesTest {

  private static final Path FIXTURES = fixtures();

  @Test
  void dashboardQueriesComeFromEveryPanelInFileOrderWithVariablesReplaced() {
    List<Query> queries = PromQueries.fromDashboards(FIXTURES.resolve("dashboards"));

    assertThat(queries).containsExactly(
        new Query("a-rows.json / Rate", "sum by (provider) (rate(a_total{provider=~\".*\"}[1m]))"),
        new Query("a-rows.json / Two queries [A]", "b{controller=\"nodepool\", cloud=~\"(aws|azure)\"}"),
        new Query("a-rows.json / Two queries [B]", "c{pool=\"apps\", region=~\".*\"}[15s] offset 1h"),
        new Query("a-rows.json / panel 6", "d{x=\"$unknown\"} / 3600"),
        new Query("b-legacy.json / Legacy", "e"));
  }

  @Test
  void aFileThatIsNotJsonIsNamedInTheError(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("broken.json"), "{\"panels\": [");

    assertThatThrownBy(() -> PromQueries.fromDashboards(dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.json");
  }

  @Test
  void ruleQueriesAreRecordingExpressionsAndAlertSignals() {
    List<Query> queries = PromQueries.fromRules(FIXTURES.resolve("rules.yaml"));

    assertThat(queries).containsExactly(
        new Query("record job:a:rate5m", "sum(rate(a_total[5m]))"),
        new Query("alert Above", "job:a:rate5m"),
        new Query("alert Multiline", "sum by (x) (rate(b_total{code=~\"5..\"}[5m]))\n  /\n  sum by (x) "
            + "(rate(b_total[5m]))"),
        new Query("alert Gone", "up{job=\"j\"} == 1"));
  }

  @Test
  void anAlertBreakingTheConventionFailsNamingIt(@TempDir Path dir) throws IOException {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "groups:\n- name: g\n  rules:\n  - alert: Ratio\n    expr: a > b\n");

    assertThatThrownBy(() -> PromQueries.fromRules(rules))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a > b");
  }

  @Test
  void aRuleFileWithoutGroupsIsRejected(@TempDir Path dir) throws IOException {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "rules:\n- record: x\n  expr: y\n");

    assertThatThrownBy(() -> PromQueries.fromRules(rules))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups");
  }

  @Test
  void metricNamesLeaveOutFunctionsAggregationsKeywordsAndLabels() {
    assertThat(PromQueries.metricNames("histogram_quantile(0.9, sum by (controller, le) "
        + "(rate(controller_runtime_reconcile_time_seconds_bucket{job=\"j\", le!=\"x\"}[5m])))"))
        .containsExactly("controller_runtime_reconcile_time_seconds_bucket");
    assertThat(PromQueries.metricNames("(sum(a{x=\"y\"}) or 0 * sum without (i) (b)) / on (p) group_left (q) "
        + "slipway:c:max offset 5m and bool vector(0) unless {__name__=\"d\"} > Inf"))
        .containsExactly("a", "b", "d", "slipway:c:max");
  }

  private static Path fixtures() {
    try {
      return Path.of(PromQueriesTest.class.getResource("/prometheus/rules.yaml").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
