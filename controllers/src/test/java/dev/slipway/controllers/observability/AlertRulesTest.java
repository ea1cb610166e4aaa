package dev.slipway.controllers.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.prometheus.AlertSignal;
import dev.slipway.testing.prometheus.PromQueries;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The conventions of the chart's Prometheus rules (rules/slipway-rules.yaml) that promtool does not check. */
class AlertRulesTest {

  private static final Set<String> ALERTS = Set.of("SlipwayRolloutStuck", "SlipwayDrainBlockedTooLong",
      "SlipwayReconcileErrorRatioHigh", "SlipwayCloudThrottling", "SlipwayControllersDown", "SlipwayNoLeader");

  @Test
  void theSixAlertsAreThere() {
    assertThat(rules().stream().filter(r -> r.containsKey("alert")).map(r -> (String) r.get("alert")))
        .containsExactlyInAnyOrderElementsOf(ALERTS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertHasASeverityAForAndSaysWhatToDo() {
    for (Map<String, Object> rule : rules()) {
      if (!rule.containsKey("alert")) {
        continue;
      }
      String alert = (String) rule.get("alert");
      assertThat(rule.get("for")).as(alert + " for").asString().matches("\\d+m");
      Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
      assertThat(labels).as(alert + " labels").containsOnlyKeys("severity");
      assertThat(labels.get("severity")).as(alert).isIn("warning", "critical");
      Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
      assertThat(annotations).as(alert + " annotations").containsOnlyKeys("summary", "description", "runbook");
      assertThat((String) annotations.get("runbook")).as(alert + " runbook").contains("kubectl ");
    }
  }

  /** The convention the end-to-end test relies on: an alert's signal, evaluated alone, shows its metrics exist. */
  @Test
  void everyAlertHasASignalThatIsNotItsWholeExpression() {
    for (Map<String, Object> rule : rules()) {
      if (rule.containsKey("alert")) {
        String expr = (String) rule.get("expr");
        assertThat(AlertSignal.of(expr)).as((String) rule.get("alert")).isNotEqualTo(expr.strip());
      }
    }
    assertThat(PromQueries.fromRules(ObservabilityFiles.rulesFile())).hasSize(rules().size());
  }

  @Test
  @SuppressWarnings("unchecked")
  void recordedSeriesAreNamedByConventionAndRecordedBeforeUseInTheSameGroup() {
    Map<String, Object> file = ObservabilityFiles.yaml(ObservabilityFiles.rulesFile());
    Set<String> allRecorded = new HashSet<>();
    for (Map<String, Object> rule : rules()) {
      if (rule.containsKey("record")) {
        assertThat((String) rule.get("record")).matches("slipway:[a-z0-9_]+:[a-z0-9_]+");
        assertThat(allRecorded.add((String) rule.get("record"))).as(rule.get("record") + " recorded once").isTrue();
      }
    }
    for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
      Set<String> recordedSoFar = new HashSet<>();
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        for (String metric : PromQueries.metricNames((String) rule.get("expr"))) {
          if (metric.startsWith("slipway:")) {
            assertThat(recordedSoFar).as(group.get("name") + ": " + rule.get("expr")).contains(metric);
          }
        }
        if (rule.containsKey("record")) {
          recordedSoFar.add((String) rule.get("record"));
        }
      }
    }
  }

  /** The chart's prometheusRule.jobLabel replaces this selector, so every raw metric must carry it. */
  @Test
  void everyRawMetricSelectsTheJob() {
    for (Map<String, Object> rule : rules()) {
      String expr = (String) rule.get("expr");
      for (String metric : PromQueries.metricNames(expr)) {
        if (metric.startsWith("slipway:")) {
          continue;
        }
        Matcher uses = Pattern.compile("(?<![\\w:])" + Pattern.quote(metric) + "(?![\\w:])(\\{[^}]*})?").matcher(expr);
        while (uses.find()) {
          assertThat(uses.group(1)).as(expr).isNotNull().contains("job=\"" + ObservabilityFiles.JOB + "\"");
        }
      }
    }
  }

  @Test
  void theReadmeExplainsEveryAlertAndRecordedSeries() {
    String readme = ObservabilityFiles.read(ObservabilityFiles.readme());
    for (Map<String, Object> rule : rules()) {
      if (rule.containsKey("alert")) {
        Matcher section = Pattern.compile("### " + rule.get("alert") + " \\((warning|critical)\\)").matcher(readme);
        assertThat(section.find()).as("README section of " + rule.get("alert")).isTrue();
        assertThat(section.group(1)).isEqualTo(((Map<?, ?>) rule.get("labels")).get("severity"));
      } else {
        assertThat(readme).contains("| `" + rule.get("record") + "` |");
      }
    }
  }

  private static List<Map<String, Object>> rules() {
    return ObservabilityFiles.rules(ObservabilityFiles.yaml(ObservabilityFiles.rulesFile()));
  }
}
