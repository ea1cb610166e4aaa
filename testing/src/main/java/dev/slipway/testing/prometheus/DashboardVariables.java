package dev.slipway.testing.prometheus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a Grafana dashboard's variables take when its queries are run outside Grafana, so that each query is
 * plain PromQL:
 * <ul>
 *   <li>built-ins: {@code $__rate_interval} = 1m, {@code $__interval} = 15s ({@code _ms}: 15000),
 *       {@code $__range} = 1h ({@code _s}: 3600, {@code _ms}: 3600000);</li>
 *   <li>a variable whose current value is "All", or that offers "All" or several values, takes its {@code allValue},
 *       else {@code .*} (every Slipway dashboard variable is used as {@code label=~"$var"});</li>
 *   <li>otherwise its current value (several values as {@code (a|b)}), else a custom variable's first option, a
 *       constant's or text box's query, else {@code .*}.</li>
 * </ul>
 * {@code $var}, {@code ${var}}, {@code ${var:format}} and {@code [[var]]} are replaced; an unknown name is left as
 * it is, as Grafana does (promtool then rejects the query).
 */
final class DashboardVariables {

  private static final Map<String, String> BUILT_INS = Map.of(
      "__rate_interval", "1m",
      "__interval", "15s",
      "__interval_ms", "15000",
      "__range", "1h",
      "__range_s", "3600",
      "__range_ms", "3600000");
  private static final String ALL = ".*";
  private static final Pattern REFERENCE = Pattern.compile(
      "\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^\\]]*)?]]|\\$(\\w+)");

  private final Map<String, String> values;

  private DashboardVariables(Map<String, String> values) {
    this.values = values;
  }

  /** The variables of a dashboard's {@code templating.list}, with the built-ins. */
  static DashboardVariables of(JsonObject dashboard) {
    Map<String, String> values = new LinkedHashMap<>(BUILT_INS);
    JsonObject templating = object(dashboard, "templating");
    JsonArray list = templating == null ? null : array(templating, "list");
    if (list != null) {
      for (JsonElement element : list) {
        JsonObject variable = element.getAsJsonObject();
        String name = string(variable, "name");
        if (name != null && !"datasource".equals(string(variable, "type"))) {
          values.put(name, valueOf(variable));
        }
      }
    }
    return new DashboardVariables(values);
  }

  /** {@code expr} with every known variable replaced by its value. */
  String substitute(String expr) {
    Matcher matcher = REFERENCE.matcher(expr);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1)
          : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
      String value = values.get(name);
      matcher.appendReplacement(result, Matcher.quoteReplacement(value != null ? value : matcher.group()));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static String valueOf(JsonObject variable) {
    String allValue = string(variable, "allValue");
    String all = allValue == null || allValue.isBlank() ? ALL : allValue;
    List<String> current = currentValues(variable);
    if (current.contains("$__all")) {
      return all;
    }
    if (current.size() == 1) {
      return current.get(0);
    }
    if (current.size() > 1) {
      return "(" + String.join("|", current) + ")";
    }
    if (bool(variable, "includeAll") || bool(variable, "multi")) {
      return all;
    }
    String type = string(variable, "type");
    String query = string(variable, "query");
    if ("custom".equals(type) && query != null && !query.isBlank()) {
      return query.split(",")[0].strip();
    }
    if (("constant".equals(type) || "textbox".equals(type)) && query != null) {
      return query;
    }
    return ALL;
  }

  private static List<String> currentValues(JsonObject variable) {
    List<String> result = new ArrayList<>();
    JsonObject current = object(variable, "current");
    JsonElement value = current == null ? null : current.get("value");
    if (value == null || value.isJsonNull()) {
      return result;
    }
    if (value.isJsonArray()) {
      for (JsonElement each : value.getAsJsonArray()) {
        result.add(each.getAsString());
      }
    } else if (value.isJsonPrimitive() && !value.getAsString().isEmpty()) {
      result.add(value.getAsString());
    }
    return result;
  }

  private static JsonObject object(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
  }

  private static JsonArray array(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    return value != null && value.isJsonArray() ? value.getAsJsonArray() : null;
  }

  private static String string(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  private static boolean bool(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    return value != null && value.isJsonPrimitive() && value.getAsBoolean();
  }
}
