package dev.slipway.controllers.observability;

import dev.slipway.testing.prometheus.PromQueries.Query;
import dev.slipway.testing.prometheus.Promtool;
import dev.slipway.testing.tools.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the PromQL syntax of queries with {@code promtool check rules}: each query becomes a recording rule of a
 * temporary rule file. One promtool run checks them all; when it fails, each query is checked alone so that the
 * report names every broken query by its source (dashboard and panel).
 */
final class QuerySyntaxCheck {

  private final Promtool promtool;
  private final Path workDir;

  QuerySyntaxCheck(Promtool promtool, Path workDir) {
    this.promtool = promtool;
    this.workDir = workDir;
  }

  /** One line per broken query, {@code "<source>: <promtool's complaint>"}; empty when every query parses. */
  List<String> problems(List<Query> queries) {
    ToolResult all = check("all", queries);
    if (all.succeeded()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      ToolResult one = check("query-" + i, List.of(queries.get(i)));
      if (!one.succeeded()) {
        problems.add(queries.get(i).source() + ": " + (one.stderr() + one.stdout()).strip());
      }
    }
    if (problems.isEmpty()) {
      problems.add("promtool rejected the queries together but none alone: " + all.stderr().strip());
    }
    return problems;
  }

  private ToolResult check(String name, List<Query> queries) {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("record", "dashboard:query_" + i + ":check");
      rule.put("expr", queries.get(i).expr());
      rules.add(rule);
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "dashboard-queries");
    group.put("rules", rules);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = workDir.resolve(name + ".yaml");
    try {
      Files.writeString(file, new Yaml(options).dump(Map.of("groups", List.of(group))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return promtool.checkRules(file);
  }
}
