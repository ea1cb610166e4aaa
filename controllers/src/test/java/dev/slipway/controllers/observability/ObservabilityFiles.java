package dev.slipway.controllers.observability;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.testing.controlplane.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Where the chart keeps its dashboards and rules, and how the tests read them. */
final class ObservabilityFiles {

  static final String JOB = "slipway-controllers";

  private ObservabilityFiles() {
  }

  static Path chart() {
    return ProjectLayout.root().resolve("charts/slipway");
  }

  static Path dashboardsDir() {
    return chart().resolve("dashboards");
  }

  static Path rulesFile() {
    return chart().resolve("rules/slipway-rules.yaml");
  }

  static Path readme() {
    return dashboardsDir().resolve("README.md");
  }

  static List<Path> dashboardFiles() {
    return list(dashboardsDir(), ".json");
  }

  static List<Path> ruleTestFiles() {
    return list(chart().resolve("rules/tests"), ".yaml");
  }

  static JsonObject json(Path file) {
    return JsonParser.parseString(read(file)).getAsJsonObject();
  }

  static Map<String, Object> yaml(Path file) {
    return yaml(read(file));
  }

  static Map<String, Object> yaml(String text) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every panel of a dashboard, rows and the panels nested in collapsed rows included, in document order. */
  static List<JsonObject> panels(JsonObject dashboard) {
    List<JsonObject> result = new ArrayList<>();
    addPanels(dashboard.get("panels"), result);
    return result;
  }

  /** The rules of every group of a rule file, in order. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(Map<String, Object> ruleFile) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) ruleFile.get("groups")) {
      result.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return result;
  }

  private static void addPanels(JsonElement panels, List<JsonObject> out) {
    if (panels == null || !panels.isJsonArray()) {
      return;
    }
    for (JsonElement panel : panels.getAsJsonArray()) {
      out.add(panel.getAsJsonObject());
      addPanels(panel.getAsJsonObject().get("panels"), out);
    }
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
