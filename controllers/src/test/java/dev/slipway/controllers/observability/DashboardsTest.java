package dev.slipway.controllers.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.slipway.testing.prometheus.PromQueries;
import dev.slipway.testing.prometheus.PromQueries.Query;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The conventions of the chart's Grafana dashboards, and that their README keeps up with them. */
class DashboardsTest {

  private static final Set<String> DASHBOARDS = Set.of("fleet-overview.json", "controller-performance.json",
      "rollouts.json");
  private static final String DATASOURCE = "${datasource}";
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");

  @Test
  void theThreeDashboardsAreThere() {
    assertThat(ObservabilityFiles.dashboardFiles()).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(DASHBOARDS);
  }

  @Test
  void eachDashboardHasAFixedUidTheSlipwayTagSchema39AndADatasourceVariable() {
    Set<String> uids = new HashSet<>();
    for (Path file : ObservabilityFiles.dashboardFiles()) {
      JsonObject dashboard = ObservabilityFiles.json(file);
      String uid = dashboard.get("uid").getAsString();
      assertThat(uid).as(file + " uid").matches("slipway-[a-z-]+");
      assertThat(uids.add(uid)).as(file + " uid is unique").isTrue();
      assertThat(dashboard.get("schemaVersion").getAsInt()).as(file + " schemaVersion").isEqualTo(39);
      assertThat(dashboard.get("tags").getAsJsonArray().toString()).as(file + " tags").isEqualTo("[\"slipway\"]");
      assertThat(dashboard.get("id").isJsonNull()).as(file + " id is null (Grafana assigns it)").isTrue();
      JsonObject datasource = dashboard.getAsJsonObject("templating").getAsJsonArray("list").get(0).getAsJsonObject();
      assertThat(datasource.get("name").getAsString()).isEqualTo("datasource");
      assertThat(datasource.get("type").getAsString()).isEqualTo("datasource");
      assertThat(datasource.get("query").getAsString()).isEqualTo("prometheus");
    }
  }

  @Test
  void everyPanelSaysWhatItAnswersAndUsesTheDatasourceVariable() {
    for (Path file : ObservabilityFiles.dashboardFiles()) {
      Set<String> titles = new HashSet<>();
      for (JsonObject panel : ObservabilityFiles.panels(ObservabilityFiles.json(file))) {
        String title = panel.get("title").getAsString();
        if ("row".equals(panel.get("type").getAsString())) {
          continue;
        }
        String where = file.getFileName() + " / " + title;
        assertThat(titles.add(title)).as(where + ": panel titles are unique in a dashboard").isTrue();
        assertThat(panel.has("description") ? panel.get("description").getAsString() : "").as(where + " description")
            .hasSizeGreaterThan(20).contains("?");
        assertThat(panel.getAsJsonArray("targets")).as(where + " targets").isNotEmpty();
        assertThat(panel.getAsJsonObject("datasource").get("uid").getAsString()).as(where).isEqualTo(DATASOURCE);
      }
    }
  }

  @Test
  void noDatasourceUidIsHardCoded() {
    for (Path file : ObservabilityFiles.dashboardFiles()) {
      List<String> uids = new ArrayList<>();
      collectDatasourceUids(ObservabilityFiles.json(file), uids);
      assertThat(uids).as(file + " datasource uids").isNotEmpty().containsOnly(DATASOURCE);
    }
  }

  @Test
  void everyQuerySelectsTheJobAndRatesUseTheRateInterval() {
    for (Path file : ObservabilityFiles.dashboardFiles()) {
      for (JsonObject panel : ObservabilityFiles.panels(ObservabilityFiles.json(file))) {
        if (!panel.has("targets")) {
          continue;
        }
        for (JsonElement target : panel.getAsJsonArray("targets")) {
          String expr = target.getAsJsonObject().get("expr").getAsString();
          String where = file.getFileName() + " / " + panel.get("title").getAsString() + ": " + expr;
          for (String metric : PromQueries.metricNames(expr)) {
            assertSelectsTheJob(expr, metric, where);
          }
          Matcher range = RANGE.matcher(expr);
          while (range.find()) {
            assertThat(range.group(1)).as(where).isIn("$__rate_interval", "$__range");
          }
        }
      }
    }
  }

  @Test
  void theReadmeNamesEveryPanelAndExactlyTheMetricsTheQueriesUse() {
    String readme = ObservabilityFiles.read(ObservabilityFiles.readme());
    for (Path file : ObservabilityFiles.dashboardFiles()) {
      assertThat(readme).contains("`" + file.getFileName() + "`");
      for (JsonObject panel : ObservabilityFiles.panels(ObservabilityFiles.json(file))) {
        if (!"row".equals(panel.get("type").getAsString())) {
          assertThat(readme).as(file.getFileName() + " panel").contains("| " + panel.get("title").getAsString() + " |");
        }
      }
    }

    SortedSet<String> used = new TreeSet<>();
    List<Query> queries = new ArrayList<>(PromQueries.fromDashboards(ObservabilityFiles.dashboardsDir()));
    queries.addAll(PromQueries.fromRules(ObservabilityFiles.rulesFile()));
    for (Map<String, Object> rule : ObservabilityFiles.rules(ObservabilityFiles.yaml(ObservabilityFiles.rulesFile()))) {
      queries.add(new Query("alert expr", (String) rule.get("expr")));
    }
    for (Query query : queries) {
      used.addAll(PromQueries.metricNames(query.expr()));
    }
    used.removeIf(name -> name.startsWith("slipway:"));
    String section = readme.substring(readme.indexOf("## Metrics used"), readme.indexOf("## How they are checked"));
    SortedSet<String> listed = new TreeSet<>();
    Matcher name = Pattern.compile("`([a-z_:]+)`").matcher(section);
    while (name.find()) {
      listed.add(name.group(1));
    }
    assertThat(listed).isEqualTo(used);
  }

  private static void assertSelectsTheJob(String expr, String metric, String where) {
    Matcher uses = Pattern.compile("(?<![\\w:])" + Pattern.quote(metric) + "(?![\\w:])(\\{[^}]*})?").matcher(expr);
    while (uses.find()) {
      assertThat(uses.group(1)).as(where + ": " + metric + " has a selector").isNotNull();
      assertThat(uses.group(1)).as(where).contains("job=\"" + ObservabilityFiles.JOB + "\"");
    }
  }

  private static void collectDatasourceUids(JsonElement element, List<String> uids) {
    if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(e -> collectDatasourceUids(e, uids));
    } else if (element.isJsonObject()) {
      for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
        if (entry.getKey().equals("datasource") && entry.getValue().isJsonObject()
            && entry.getValue().getAsJsonObject().has("uid")) {
          uids.add(entry.getValue().getAsJsonObject().get("uid").getAsString());
        }
        collectDatasourceUids(entry.getValue(), uids);
      }
    }
  }
}
