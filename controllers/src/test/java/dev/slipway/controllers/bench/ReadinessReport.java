package dev.slipway.controllers.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The node-readiness phase's figures: for the nodes a scale-out added, the times after the request (the benchmark's
 * patch of the Nodepool's replicas) at which the simulated cloud drew each Node's registration, the Node became
 * Ready (seen by the benchmark's own watch), and Slipway reported it (the MachinePool's {@code readyReplicas}). The
 * k-th fastest of each are compared, so "what Slipway adds" at P50 and P90 needs no per-node pairing.
 *
 * @param nodes nodes the scale-out added
 * @param requestSent the simulated cloud's start of the scale-up, after the request: Slipway's reaction
 * @param drawn registration times the cloud drew, seconds after the request, sorted
 * @param nodeReady Ready as watched by the benchmark, seconds after the request, sorted
 * @param reported Slipway's {@code readyReplicas} reaching each count, seconds after the request, sorted
 * @param histogram Slipway's {@code slipway_node_ready_seconds} over the scale-out: count and bucket quantiles
 */
record ReadinessReport(int nodes, double requestSent, List<Double> drawn, List<Double> nodeReady,
    List<Double> reported, Histogram histogram) {

  /** Slipway's own histogram: observations and the quantiles its buckets give (linear within a bucket). */
  record Histogram(double count, double p50, double p90) {
  }

  /** The value at quantile {@code q} of sorted {@code values} (nearest rank). */
  static double quantile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
  }

  /**
   * When the reported count first reached {@code baseline + 1}, {@code baseline + 2}, ... {@code baseline + added},
   * in seconds after {@code request}; counts never reached are left out.
   *
   * @param timeline every report seen: time to reported count, in order
   */
  static List<Double> reportedTimes(NavigableMap<Instant, Integer> timeline, Instant request, int baseline,
      int added) {
    List<Double> times = new ArrayList<>();
    int next = baseline + 1;
    for (Map.Entry<Instant, Integer> report : timeline.tailMap(request, true).entrySet()) {
      while (next <= baseline + added && report.getValue() >= next) {
        times.add(seconds(request, report.getKey()));
        next++;
      }
    }
    return times;
  }

  /** Quantile {@code q} of a Prometheus histogram's cumulative buckets (upper bound to count), as PromQL does. */
  static double bucketQuantile(NavigableMap<Double, Double> cumulative, double q) {
    if (cumulative.isEmpty()) {
      return Double.NaN;
    }
    double total = cumulative.lastEntry().getValue();
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        if (bucket.getKey().isInfinite()) {
          return lowerBound;
        }
        double inBucket = bucket.getValue() - lowerCount;
        return inBucket == 0 ? bucket.getKey()
            : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = bucket.getKey();
      lowerCount = bucket.getValue();
    }
    return lowerBound;
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /** Slipway's addition at quantile {@code q}: reported minus drawn. */
  double added(double q) {
    return quantile(reported, q) - quantile(drawn, q);
  }

  String table() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%nNode readiness: %d nodes added by one scale-out (seconds after the request)%n", nodes));
    out.append(String.format(Locale.ROOT, "%-48s %9s %9s %9s %9s%n", "", "P50", "P90", "P99", "max"));
    row(out, "drawn by the simulated cloud (Node registers)", drawn);
    row(out, "Node Ready (benchmark's watch)", nodeReady);
    row(out, "reported by Slipway (MachinePool readyReplicas)", reported);
    out.append(String.format(Locale.ROOT, "%-48s %9.2f %9.2f%n", "Slipway's histogram (bucket estimate)",
        histogram.p50(), histogram.p90()));
    out.append(String.format(Locale.ROOT, "%-48s %9.2f %9.2f%n", "added by Slipway (reported - drawn)", added(0.5),
        added(0.9)));
    out.append(String.format(Locale.ROOT, "%-48s %9.2f %9.2f%n", "  of it: Node to Ready (sim, KWOK)",
        quantile(nodeReady, 0.5) - quantile(drawn, 0.5), quantile(nodeReady, 0.9) - quantile(drawn, 0.9)));
    out.append(String.format(Locale.ROOT, "%-48s %9.2f %9.2f%n", "  of it: Ready to reported (Slipway)",
        quantile(reported, 0.5) - quantile(nodeReady, 0.5), quantile(reported, 0.9) - quantile(nodeReady, 0.9)));
    out.append(String.format(Locale.ROOT, "%-48s %9.2f%n", "scale-up reached the cloud after", requestSent));
    out.append(String.format(Locale.ROOT, "%-48s %9.0f%n", "observations in Slipway's histogram",
        histogram.count()));
    return out.toString();
  }

  private static void row(StringBuilder out, String label, List<Double> sorted) {
    out.append(String.format(Locale.ROOT, "%-48s %9.2f %9.2f %9.2f %9.2f%n", label, quantile(sorted, 0.5),
        quantile(sorted, 0.9), quantile(sorted, 0.99), quantile(sorted, 1.0)));
  }

  void write(Path directory, Map<String, Object> settings) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("settings", settings);
    json.put("nodes", nodes);
    json.put("requestSentSeconds", requestSent);
    for (String series : List.of("drawn", "nodeReady", "reported")) {
      List<Double> values = "drawn".equals(series) ? drawn : "nodeReady".equals(series) ? nodeReady : reported;
      json.put(series, Map.of("p50", quantile(values, 0.5), "p90", quantile(values, 0.9), "p99",
          quantile(values, 0.99), "max", quantile(values, 1.0)));
    }
    json.put("addedBySlipway", Map.of("p50", added(0.5), "p90", added(0.9)));
    json.put("histogram", histogram);
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("node-readiness.json"), new GsonBuilder().setPrettyPrinting()
          .serializeSpecialFloatingPointValues().create().toJson(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
