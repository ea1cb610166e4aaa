package dev.slipway.testing.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's promtool, installed by hack/prometheus/install.sh, on rule files written here. */
class PromtoolIT {

  private static final String GOOD_RULES = """
      groups:
      - name: demo
        rules:
        - record: job:demo_requests:rate1m
          expr: sum by (job) (rate(demo_requests_total[1m]))
        - alert: DemoDown
          expr: up{job="demo"} == 0
          for: 5m
          labels:
            severity: critical
          annotations:
            summary: demo is down
      """;

  private final Promtool promtool = Promtool.locate();

  @TempDir
  Path dir;

  @Test
  void reportsTheDebianVersion() {
    ToolResult version = promtool.run(null, "--version").orThrow();

    assertThat(version.stdout() + version.stderr()).contains("promtool, version 2.42.0");
  }

  @Test
  void goodRulesPassTheCheck() throws IOException {
    Path rules = write("good.yaml", GOOD_RULES);

    ToolResult check = promtool.checkRules(rules);

    assertThat(check.exitCode()).as(check.toString()).isZero();
    assertThat(check.stdout()).contains("SUCCESS: 2 rules found");
  }

  @Test
  void aBadExpressionFailsTheCheckNamingTheRule() throws IOException {
    Path good = write("good.yaml", GOOD_RULES);
    Path bad = write("bad.yaml", """
        groups:
        - name: broken-group
          rules:
          - alert: Unclosed
            expr: sum by (job) (rate(demo_requests_total[1m])
        """);

    ToolResult check = promtool.checkRules(good, bad);

    assertThat(check.exitCode()).isNotZero();
    assertThat(check.stderr())
        .contains("bad.yaml")
        .contains("broken-group")
        .contains("Unclosed")
        .contains("unclosed left parenthesis");
  }

  @Test
  void aPassingUnitTest() throws IOException {
    write("rules.yaml", GOOD_RULES);
    Path test = write("rules_test.yaml", unitTest("0x10"));

    ToolResult result = promtool.testRules(test);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("SUCCESS");
  }

  @Test
  void aWrongExpectationFailsTheUnitTest() throws IOException {
    write("rules.yaml", GOOD_RULES);
    // The target is up, so the alert the test expects never fires.
    Path test = write("rules_test.yaml", unitTest("1x10"));

    ToolResult result = promtool.testRules(test);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("FAILED").contains("alertname: DemoDown").contains("got:[]");
  }

  @Test
  void recordingRulesAreUnitTested() throws IOException {
    write("rules.yaml", GOOD_RULES);
    Path test = write("record_test.yaml", """
        rule_files: [rules.yaml]
        evaluation_interval: 1m
        tests:
        - interval: 1m
          input_series:
          - series: 'demo_requests_total{job="demo", instance="a"}'
            values: '0+60x10'
          promql_expr_test:
          - expr: job:demo_requests:rate1m
            eval_time: 5m
            exp_samples:
            - labels: 'job:demo_requests:rate1m{job="demo"}'
              value: 1
        """);

    assertThat(promtool.testRules(test).exitCode()).isZero();
  }

  private static String unitTest(String upValues) {
    return """
        rule_files: [rules.yaml]
        evaluation_interval: 1m
        tests:
        - interval: 1m
          input_series:
          - series: 'up{job="demo", instance="a"}'
            values: '%s'
          alert_rule_test:
          - eval_time: 10m
            alertname: DemoDown
            exp_alerts:
            - exp_labels: {severity: critical, job: demo, instance: a}
              exp_annotations: {summary: demo is down}
        """.formatted(upValues);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
