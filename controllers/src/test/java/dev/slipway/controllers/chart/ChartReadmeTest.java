package dev.slipway.controllers.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.testing.controlplane.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's README cannot drift from the chart: its argocd-cm block is exactly the Lua files in
 * {@code health/argocd} (fix a failure with {@code -Dslipway.updateChartReadme=true}, which rewrites the block), and
 * its values table documents every key of values.schema.json and no other.
 */
class ChartReadmeTest {

  private static final Path CHART = ProjectLayout.root().resolve("charts/slipway");
  private static final Path README = CHART.resolve("README.md");
  private static final List<String> KINDS = List.of("Cluster", "Nodepool", "MachinePool", "ClusterAdditionalConfig");
  private static final Pattern BLOCK = Pattern.compile(
      "(<!-- BEGIN argocd-cm[^\\n]*-->\\n)(.*?)(<!-- END argocd-cm -->)", Pattern.DOTALL);
  private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

  @Test
  void theArgoCdBlockIsTheHealthCheckFiles() throws IOException {
    String readme = Files.readString(README);
    Matcher block = BLOCK.matcher(readme);
    assertThat(block.find()).as("README.md has the argocd-cm block markers").isTrue();
    String expected = argocdCm();
    if (!block.group(2).equals(expected) && Boolean.getBoolean("slipway.updateChartReadme")) {
      Files.writeString(README, readme.substring(0, block.start(2)) + expected + readme.substring(block.end(2)));
      return;
    }

    assertThat(block.group(2))
        .as("the argocd-cm block of charts/slipway/README.md differs from charts/slipway/health/argocd/*.lua: rerun "
            + "this test with -Dslipway.updateChartReadme=true to rewrite it")
        .isEqualTo(expected);
  }

  @Test
  void theValuesTableDocumentsEveryValueOfTheSchema() throws IOException {
    Set<String> documented = new TreeSet<>();
    Matcher row = TABLE_ROW.matcher(Files.readString(README));
    while (row.find()) {
      documented.add(row.group(1));
    }
    JsonObject schema = JsonParser.parseString(Files.readString(CHART.resolve("values.schema.json")))
        .getAsJsonObject();
    Set<String> leaves = new TreeSet<>();
    Set<String> all = new TreeSet<>();
    collect(schema, "", leaves, all);

    List<String> undocumented = leaves.stream().filter(leaf -> documented.stream()
        .noneMatch(path -> leaf.equals(path) || leaf.startsWith(path + "."))).toList();
    assertThat(undocumented).as("values without a row in the README's values table").isEmpty();
    assertThat(documented).as("rows of the README's values table that are not values").isSubsetOf(all);
  }

  /** The argocd-cm ConfigMap with one health customization per kind, each the whole Lua file indented. */
  static String argocdCm() throws IOException {
    StringBuilder yaml = new StringBuilder("""
        ```yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: argocd-cm
          namespace: argocd
        data:
        """);
    for (String kind : KINDS) {
      yaml.append("  resource.customizations.health.slipway.dev_").append(kind).append(": |\n");
      for (String line : Files.readAllLines(CHART.resolve("health/argocd/slipway.dev_" + kind + ".lua"))) {
        yaml.append(line.isEmpty() ? "" : "    " + line).append('\n');
      }
    }
    return yaml.append("```\n").toString();
  }

  private static void collect(JsonObject schema, String prefix, Set<String> leaves, Set<String> all) {
    JsonObject properties = schema.getAsJsonObject("properties");
    for (Map.Entry<String, JsonElement> property : properties.entrySet()) {
      String path = prefix + property.getKey();
      all.add(path);
      JsonObject child = property.getValue().getAsJsonObject();
      if (child.has("properties")) {
        collect(child, path + ".", leaves, all);
      } else {
        leaves.add(path);
      }
    }
  }
}
