package dev.slipway.testing.prometheus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.slipway.testing.prometheus.PromQlTokens.Kind;
import dev.slipway.testing.prometheus.PromQlTokens.Token;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every PromQL expression of Slipway's Grafana dashboards and Prometheus rules, as plain PromQL that a test can
 * evaluate against a live Prometheus or check with promtool.
 */
public final class PromQueries {

  /**
   * One expression and where it comes from: {@code "rollouts.json / Rollout duration p50 / p90 [B]"} (a dashboard
   * file, a panel title and, when the panel has several queries, the query's refId), {@code "record <name>"} or
   * {@code "alert <name>"}.
   */
  public record Query(String source, String expr) {
  }

  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "sum", "min", "max", "avg", "group", "stddev",
      "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
  private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right");

  private PromQueries() {
  }

  /**
   * The {@code targets[].expr} of every panel of every {@code *.json} dashboard in {@code dir} (files in name order,
   * panels in document order, including panels nested in collapsed rows), with the dashboard's variables replaced
   * as {@link DashboardVariables} says. Targets without an expr are skipped.
   */
  public static List<Query> fromDashboards(Path dir) {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list dashboards in " + dir, e);
    }
    List<Query> queries = new ArrayList<>();
    for (Path file : files) {
      queries.addAll(fromDashboard(file));
    }
    return queries;
  }

  /** The queries of one dashboard file, as {@link #fromDashboards(Path)} finds them. */
  public static List<Query> fromDashboard(Path file) {
    JsonObject dashboard;
    try {
      dashboard = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (JsonParseException | IllegalStateException e) {
      throw new IllegalArgumentException(file + " is not a JSON object: " + e.getMessage(), e);
    }
    DashboardVariables variables = DashboardVariables.of(dashboard);
    List<Query> queries = new ArrayList<>();
    String name = file.getFileName().toString();
    addPanels(name, dashboard.get("panels"), variables, queries);
    // Dashboards older than schema 16 keep panels in rows[].panels.
    JsonElement rows = dashboard.get("rows");
    if (rows != null && rows.isJsonArray()) {
      for (JsonElement row : rows.getAsJsonArray()) {
        addPanels(name, row.getAsJsonObject().get("panels"), variables, queries);
      }
    }
    return queries;
  }

  private static void addPanels(String file, JsonElement panels, DashboardVariables variables, List<Query> out) {
    if (panels == null || !panels.isJsonArray()) {
      return;
    }
    for (JsonElement element : panels.getAsJsonArray()) {
      JsonObject panel = element.getAsJsonObject();
      List<JsonObject> targets = new ArrayList<>();
      JsonElement targetList = panel.get("targets");
      if (targetList != null && targetList.isJsonArray()) {
        for (JsonElement target : targetList.getAsJsonArray()) {
          JsonElement expr = target.getAsJsonObject().get("expr");
          if (expr != null && expr.isJsonPrimitive() && !expr.getAsString().isBlank()) {
            targets.add(target.getAsJsonObject());
          }
        }
      }
      String title = text(panel, "title", "panel " + text(panel, "id", "?"));
      for (JsonObject target : targets) {
        String source = file + " / " + title + (targets.size() > 1 ? " [" + text(target, "refId", "?") + "]" : "");
        out.add(new Query(source, variables.substitute(target.get("expr").getAsString())));
      }
      addPanels(file, panel.get("panels"), variables, out);
    }
  }

  /**
   * The expressions of a Prometheus rule file (groups[].rules[]), in file order: each recording rule's expr as
   * {@code "record <name>"}, and each alert's {@link AlertSignal signal} as {@code "alert <name>"}.
   *
   * @throws IllegalArgumentException when the file is not a rule file or an alert breaks the signal convention
   */
  public static List<Query> fromRules(Path rulesFile) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(rulesFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + rulesFile, e);
    }
    List<Query> queries = new ArrayList<>();
    for (Object group : list(map(document, rulesFile + ": the document").get("groups"), rulesFile + ": groups")) {
      Map<?, ?> groupMap = map(group, rulesFile + ": a group");
      for (Object rule : list(groupMap.get("rules"), rulesFile + ": rules of group " + groupMap.get("name"))) {
        Map<?, ?> ruleMap = map(rule, rulesFile + ": a rule of group " + groupMap.get("name"));
        Object expr = ruleMap.get("expr");
        if (!(expr instanceof String) || ((String) expr).isBlank()) {
          throw new IllegalArgumentException(rulesFile + ": a rule without expr: " + ruleMap);
        }
        if (ruleMap.get("record") != null) {
          queries.add(new Query("record " + ruleMap.get("record"), ((String) expr).strip()));
        } else if (ruleMap.get("alert") != null) {
          queries.add(new Query("alert " + ruleMap.get("alert"), AlertSignal.of((String) expr)));
        } else {
          throw new IllegalArgumentException(rulesFile + ": a rule that is neither record nor alert: " + ruleMap);
        }
      }
    }
    return queries;
  }

  /**
   * The metric names an expression selects (by name or {@code __name__="..."}), recorded series included; function,
   * aggregation and keyword names and label names are not metric names.
   */
  public static SortedSet<String> metricNames(String expr) {
    List<Token> tokens = PromQlTokens.of(expr);
    SortedSet<String> names = new TreeSet<>();
    int braces = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      if (token.kind() == Kind.OPEN_BRACE) {
        braces++;
      } else if (token.kind() == Kind.CLOSE_BRACE) {
        braces--;
      } else if (token.kind() != Kind.IDENTIFIER) {
        continue;
      } else if (braces > 0) {
        if (token.text().equals("__name__") && next != null && next.is(Kind.OPERATOR, "=") && i + 2 < tokens.size()
            && tokens.get(i + 2).kind() == Kind.STRING) {
          String quoted = tokens.get(i + 2).text();
          names.add(quoted.substring(1, quoted.length() - 1));
        }
      } else if (LABEL_LIST_KEYWORDS.contains(token.text()) && next != null && next.kind() == Kind.OPEN_PAREN) {
        i = closing(tokens, i + 1);
      } else if (!KEYWORDS.contains(token.text().toLowerCase())
          && (next == null || next.kind() != Kind.OPEN_PAREN)) {
        names.add(token.text());
      }
    }
    return names;
  }

  private static int closing(List<Token> tokens, int open) {
    int depth = tokens.get(open).depth();
    for (int i = open + 1; i < tokens.size(); i++) {
      if (tokens.get(i).kind() == Kind.CLOSE_PAREN && tokens.get(i).depth() == depth) {
        return i;
      }
    }
    return tokens.size() - 1;
  }

  private static String text(JsonObject object, String name, String fallback) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() && !value.getAsString().isBlank() ? value.getAsString()
        : fallback;
  }

  private static Map<?, ?> map(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(what + " is not a mapping");
    }
    return (Map<?, ?>) value;
  }

  private static List<?> list(Object value, String what) {
    if (!(value instanceof List)) {
      throw new IllegalArgumentException(what + " is not a list");
    }
    return (List<?>) value;
  }
}
