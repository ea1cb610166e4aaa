package dev.slipway.testing.azure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cluster autoscaler profile of a managed cluster ({@code properties.autoScalerProfile}): AKS fills every setting
 * a request omits with its default and refuses a value it cannot use with 400 naming the setting. Keys are AKS's
 * kebab-case JSON names; most values are strings, the daemonset settings are JSON booleans (as in the SDK's
 * {@code ManagedClusterPropertiesAutoScalerProfile}).
 */
final class AutoScalerProfiles {

  private enum Kind { BOOLEAN_STRING, BOOLEAN, EXPANDER, COUNT, PERCENT, RATIO, DURATION }

  private record Setting(Kind kind, JsonElement defaultValue) {
  }

  private static final Set<String> EXPANDERS = Set.of("least-waste", "most-pods", "priority", "random");
  private static final Pattern DURATION = Pattern.compile("\\d+(s|m|h)");
  private static final Pattern COUNT = Pattern.compile("\\d+");
  private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

  static {
    define("balance-similar-node-groups", Kind.BOOLEAN_STRING, new JsonPrimitive("false"));
    define("daemonset-eviction-for-empty-nodes", Kind.BOOLEAN, new JsonPrimitive(false));
    define("daemonset-eviction-for-occupied-nodes", Kind.BOOLEAN, new JsonPrimitive(true));
    define("expander", Kind.EXPANDER, new JsonPrimitive("random"));
    define("ignore-daemonsets-utilization", Kind.BOOLEAN, new JsonPrimitive(false));
    define("max-empty-bulk-delete", Kind.COUNT, new JsonPrimitive("10"));
    define("max-graceful-termination-sec", Kind.COUNT, new JsonPrimitive("600"));
    define("max-node-provision-time", Kind.DURATION, new JsonPrimitive("15m"));
    define("max-total-unready-percentage", Kind.PERCENT, new JsonPrimitive("45"));
    define("new-pod-scale-up-delay", Kind.DURATION, new JsonPrimitive("0s"));
    define("ok-total-unready-count", Kind.COUNT, new JsonPrimitive("3"));
    define("scale-down-delay-after-add", Kind.DURATION, new JsonPrimitive("10m"));
    define("scale-down-delay-after-delete", Kind.DURATION, new JsonPrimitive("10s"));
    define("scale-down-delay-after-failure", Kind.DURATION, new JsonPrimitive("3m"));
    define("scale-down-unneeded-time", Kind.DURATION, new JsonPrimitive("10m"));
    define("scale-down-unready-time", Kind.DURATION, new JsonPrimitive("20m"));
    define("scale-down-utilization-threshold", Kind.RATIO, new JsonPrimitive("0.5"));
    define("scan-interval", Kind.DURATION, new JsonPrimitive("10s"));
    define("skip-nodes-with-local-storage", Kind.BOOLEAN_STRING, new JsonPrimitive("false"));
    define("skip-nodes-with-system-pods", Kind.BOOLEAN_STRING, new JsonPrimitive("true"));
  }

  private AutoScalerProfiles() {
  }

  private static void define(String key, Kind kind, JsonElement defaultValue) {
    SETTINGS.put(key, new Setting(kind, defaultValue));
  }

  /** Every setting AKS knows, in the order it returns them, with AKS's defaults. */
  static JsonObject defaults() {
    return withDefaults(null);
  }

  /**
   * The profile AKS stores for a request: the requested values (checked) with defaults for the rest. Keys AKS does
   * not know are dropped, as its JSON binding does.
   */
  static JsonObject withDefaults(JsonObject requested) {
    JsonObject profile = new JsonObject();
    SETTINGS.forEach((key, setting) -> {
      JsonElement value = requested == null ? null : requested.get(key);
      if (value == null || value.isJsonNull()) {
        profile.add(key, setting.defaultValue().deepCopy());
      } else {
        check(key, setting.kind(), value);
        profile.add(key, value.deepCopy());
      }
    });
    return profile;
  }

  private static void check(String key, Kind kind, JsonElement value) {
    if (!value.isJsonPrimitive()) {
      throw invalid(key, value, "a single value");
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    if (kind == Kind.BOOLEAN) {
      if (!primitive.isBoolean()) {
        throw invalid(key, value, "a JSON boolean");
      }
      return;
    }
    if (!primitive.isString()) {
      throw invalid(key, value, "a string");
    }
    String text = primitive.getAsString();
    switch (kind) {
      case BOOLEAN_STRING -> {
        if (!text.equals("true") && !text.equals("false")) {
          throw invalid(key, value, "'true' or 'false'");
        }
      }
      case EXPANDER -> {
        if (!EXPANDERS.contains(text)) {
          throw invalid(key, value, "one of least-waste, most-pods, priority, random");
        }
      }
      case COUNT -> {
        if (!COUNT.matcher(text).matches() || Long.parseLong(text) > Integer.MAX_VALUE) {
          throw invalid(key, value, "a non-negative integer");
        }
      }
      case PERCENT -> {
        if (!COUNT.matcher(text).matches() || Long.parseLong(text) > 100) {
          throw invalid(key, value, "an integer from 0 to 100");
        }
      }
      case RATIO -> {
        double ratio;
        try {
          ratio = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw invalid(key, value, "a number greater than 0 and at most 1");
        }
        if (!(ratio > 0 && ratio <= 1)) {
          throw invalid(key, value, "a number greater than 0 and at most 1");
        }
      }
      case DURATION -> {
        if (!DURATION.matcher(text).matches()) {
          throw invalid(key, value, "an integer followed by s, m or h (e.g. 10m)");
        }
      }
      default -> throw new IllegalStateException("unhandled setting kind " + kind);
    }
  }

  private static ArmException invalid(String key, JsonElement value, String expected) {
    return ArmException.invalidParameter("properties.autoScalerProfile." + key, "The value of parameter"
        + " autoScalerProfile." + key + " is invalid: " + value + ". It must be " + expected + ".");
  }
}
