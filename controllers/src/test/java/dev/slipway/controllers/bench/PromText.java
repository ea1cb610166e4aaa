package dev.slipway.controllers.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in the Prometheus text format (the API server's {@code /metrics}, the controllers'
 * {@code /actuator/prometheus}), parsed into samples, with the sums a benchmark needs. Comments and histogram
 * buckets are kept like any other sample; callers name the series they want.
 */
final class PromText {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, double value) {
  }

  private final List<Sample> samples;

  private PromText(List<Sample> samples) {
    this.samples = samples;
  }

  static PromText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = SAMPLE.matcher(line.trim());
      if (!matcher.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (matcher.group(3) != null) {
        Matcher label = LABEL.matcher(matcher.group(3));
        while (label.find()) {
          labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
      }
      samples.add(new Sample(matcher.group(1), labels, parseValue(matcher.group(4))));
    }
    return new PromText(List.copyOf(samples));
  }

  private static double parseValue(String text) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(text);
    }
  }

  /** The sum of every sample of a series whose labels pass {@code filter}; 0 when there is none. */
  double sum(String name, Predicate<Map<String, String>> filter) {
    double sum = 0;
    for (Sample sample : samples) {
      if (sample.name().equals(name) && filter.test(sample.labels())) {
        sum += sample.value();
      }
    }
    return sum;
  }

  double sum(String name) {
    return sum(name, labels -> true);
  }

  /** Sums of a series grouped by one label's value (samples without the label are left out). */
  Map<String, Double> sumBy(String name, String label, Predicate<Map<String, String>> filter) {
    Map<String, Double> sums = new TreeMap<>();
    for (Sample sample : samples) {
      String value = sample.labels().get(label);
      if (sample.name().equals(name) && value != null && filter.test(sample.labels())) {
        sums.merge(value, sample.value(), Double::sum);
      }
    }
    return sums;
  }

  /** Every sample of a series. */
  List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** Whether a series is present at all. */
  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** The difference of two grouped sums, key by key (a key missing before counts from 0). */
  static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> delta = new TreeMap<>();
    after.forEach((key, value) -> {
      double change = value - before.getOrDefault(key, 0.0);
      if (change != 0) {
        delta.put(key, change);
      }
    });
    return delta;
  }
}
