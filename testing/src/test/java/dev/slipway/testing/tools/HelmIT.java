package dev.slipway.testing.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.testing.controlplane.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helm built by hack/helm/build.sh, on a tiny chart written here. */
class HelmIT {

  private static Helm helm;

  @TempDir
  Path dir;

  @BeforeAll
  static void locate() {
    helm = Helm.locate();
  }

  @Test
  void reportsThePinnedVersion() throws IOException {
    String script = Files.readString(ProjectLayout.root().resolve("hack/helm/build.sh"));
    Matcher pinned = Pattern.compile("(?m)^HELM_VERSION=(\\S+)$").matcher(script);
    assertThat(pinned.find()).as("HELM_VERSION line in build.sh").isTrue();
    String override = System.getenv("SLIPWAY_HELM");
    if (override == null || override.isBlank()) {
      assertThat(helm.version()).isEqualTo(pinned.group(1));
    } else {
      assertThat(helm.version()).matches("v\\d+\\.\\d+\\.\\d+.*");
    }
  }

  @Test
  void locateReturnsTheSameInstance() {
    assertThat(Helm.locate()).isSameAs(helm);
  }

  @Test
  void keepsItsHomesOutOfTheUsersFolders() {
    String env = helm.run(null, "env").orThrow().stdout();
    String tmp = System.getProperty("java.io.tmpdir");
    assertThat(env).containsPattern("HELM_CONFIG_HOME=\"" + Pattern.quote(tmp) + "/?slipway-helm-[^\"]*/config\"");
    assertThat(env).containsPattern("HELM_CACHE_HOME=\"" + Pattern.quote(tmp) + "/?slipway-helm-[^\"]*/cache\"");
    assertThat(env).containsPattern("HELM_DATA_HOME=\"" + Pattern.quote(tmp) + "/?slipway-helm-[^\"]*/data\"");
  }

  @Test
  void lintsAGoodChart() throws IOException {
    Path chart = writeChart();

    ToolResult lint = helm.run(dir, "lint", chart.toString());

    assertThat(lint.exitCode()).as(lint.toString()).isZero();
    assertThat(lint.stdout()).contains("1 chart(s) linted, 0 chart(s) failed");
  }

  @Test
  void lintFailsOnABrokenTemplate() throws IOException {
    Path chart = writeChart();
    Files.writeString(chart.resolve("templates/broken.yaml"), "kind: {{ .Values.missing.field }}\n");

    ToolResult lint = helm.run(dir, "lint", chart.toString());

    assertThat(lint.exitCode()).isNotZero();
    assertThat(lint.stdout() + lint.stderr()).contains("broken.yaml").contains("missing");
  }

  @Test
  void templatesWithValues() throws IOException {
    Path chart = writeChart();

    String manifests = helm.run(dir, "template", "demo", chart.toString(), "--namespace", "tools",
        "--set", "replicaCount=3").orThrow().stdout();

    assertThat(manifests)
        .contains("kind: ConfigMap")
        .contains("name: demo-tiny")
        .contains("namespace: tools")
        .contains("replicas: \"3\"");
  }

  @Test
  void aSchemaViolationFailsTemplateNamingTheField() throws IOException {
    Path chart = writeChart();

    ToolResult template = helm.run(dir, "template", "demo", chart.toString(), "--set", "replicaCount=0");

    assertThat(template.exitCode()).isNotZero();
    assertThat(template.stderr()).contains("don't meet the specifications of the schema")
        .contains("/replicaCount").contains("minimum");
  }

  @Test
  void orThrowQuotesStderr() throws IOException {
    Path chart = writeChart();

    ToolResult template = helm.run(dir, "template", "demo", chart.toString(), "--set", "replicaCount=zero");

    assertThatThrownBy(template::orThrow)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replicaCount");
  }

  private Path writeChart() throws IOException {
    Path chart = dir.resolve("tiny");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), """
        apiVersion: v2
        name: tiny
        description: A chart for HelmIT
        version: 0.1.0
        appVersion: "1.0.0"
        """);
    Files.writeString(chart.resolve("values.yaml"), """
        replicaCount: 1
        """);
    Files.writeString(chart.resolve("values.schema.json"), """
        {
          "$schema": "https://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["replicaCount"],
          "properties": {
            "replicaCount": {"type": "integer", "minimum": 1}
          },
          "additionalProperties": false
        }
        """);
    Files.writeString(chart.resolve("templates/configmap.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-{{ .Chart.Name }}
          namespace: {{ .Release.Namespace }}
        data:
          replicas: {{ .Values.replicaCount | quote }}
        """);
    return chart;
  }
}
