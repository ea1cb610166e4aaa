package dev.slipway.controllers.bench;

import com.google.gson.GsonBuilder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** The benchmark's figures: a table for the log, {@code fleet-benchmark.json} and {@code fleet-benchmark.png}. */
final class FleetReport {

  /** One fleet size's figures; times in seconds, NaN when a phase did not finish. */
  record Size(
      int clusters,
      int nodepools,
      double coldSeconds,
      Map<String, Double> coldReconciles,
      Map<String, Double> coldApiRequestsByVerb,
      Map<String, Double> coldControllerRequestsByMethod,
      double coldCpuSeconds,
      double upgradeSeconds,
      Map<String, Double> upgradeReconciles,
      double upgradeCpuSeconds,
      int capacityViolations,
      int maxConcurrentRolloutsPerCluster,
      int machinePoolsAfterUpgrade,
      int cloudPoolsAfterUpgrade,
      double idleSeconds,
      double idleReconcilesPerSecond,
      Map<String, Double> idleReconciles,
      Map<String, Double> idleCloudCallsByOperation,
      Map<String, Double> idleApiWritesByResource,
      double idleApiWritesPerSecond,
      double idleCloudCallsPerSecond,
      double peakHeapMiB,
      double peakLiveHeapMiB,
      double loaderSeconds,
      long loaderWrites,
      double loaderWritesPerSecond,
      double coldOverLoader,
      double teardownSeconds,
      double eventsDropped,
      ServerCpu loaderServerCpu,
      ServerCpu coldServerCpu,
      ServerCpu upgradeServerCpu,
      Map<String, Double> coldWritesByResource,
      double coldRateLimitWaitSeconds,
      double upgradeRateLimitWaitSeconds,
      double coldConflicts) {
  }

  /** CPU seconds kube-apiserver and etcd spent in a phase (their own process_cpu_seconds_total). */
  record ServerCpu(double apiServer, double etcd) {
  }

  private FleetReport() {
  }

  static String table(List<Size> sizes) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nFleet benchmark (node-less sim)%n"));
    out.append(String.format(Locale.ROOT, "%-44s", "clusters"));
    sizes.forEach(s -> out.append(String.format(Locale.ROOT, "%12d", s.clusters())));
    out.append('\n');
    row(out, sizes, "nodepools per cluster", s -> s.nodepools());
    row(out, sizes, "cold convergence, s", Size::coldSeconds);
    row(out, sizes, "  bare loader, same writes, s", Size::loaderSeconds);
    row(out, sizes, "  bare loader writes/s", Size::loaderWritesPerSecond);
    row(out, sizes, "  cold / bare loader (x)", Size::coldOverLoader);
    row(out, sizes, "  bare loader: kube-apiserver CPU, s", s -> s.loaderServerCpu().apiServer());
    row(out, sizes, "  bare loader: etcd CPU, s", s -> s.loaderServerCpu().etcd());
    row(out, sizes, "  controller CPU, s", Size::coldCpuSeconds);
    row(out, sizes, "  kube-apiserver CPU, s", s -> s.coldServerCpu().apiServer());
    row(out, sizes, "  etcd CPU, s", s -> s.coldServerCpu().etcd());
    row(out, sizes, "  waited for the client rate limit, s (sum)", Size::coldRateLimitWaitSeconds);
    row(out, sizes, "  write conflicts (HTTP 409)", Size::coldConflicts);
    row(out, sizes, "  reconciles, cluster", s -> s.coldReconciles().getOrDefault("cluster", 0.0));
    row(out, sizes, "  reconciles, nodepool", s -> s.coldReconciles().getOrDefault("nodepool", 0.0));
    row(out, sizes, "  reconciles, machinepool", s -> s.coldReconciles().getOrDefault("machinepool", 0.0));
    for (String verb : List.of("LIST", "WATCH", "GET", "POST", "PUT", "PATCH", "DELETE")) {
      row(out, sizes, "  API server requests " + verb, s -> s.coldApiRequestsByVerb().getOrDefault(verb, 0.0));
    }
    sizes.stream().flatMap(s -> s.coldWritesByResource().keySet().stream()).distinct().sorted().forEach(resource ->
        row(out, sizes, "  writes to " + resource, s -> s.coldWritesByResource().getOrDefault(resource, 0.0)));
    row(out, sizes, "fleet upgrade, s", Size::upgradeSeconds);
    row(out, sizes, "  controller CPU, s", Size::upgradeCpuSeconds);
    row(out, sizes, "  kube-apiserver CPU, s", s -> s.upgradeServerCpu().apiServer());
    row(out, sizes, "  etcd CPU, s", s -> s.upgradeServerCpu().etcd());
    row(out, sizes, "  waited for the client rate limit, s (sum)", Size::upgradeRateLimitWaitSeconds);
    row(out, sizes, "  capacity violations", s -> s.capacityViolations());
    row(out, sizes, "  max rollouts at once in a cluster", s -> s.maxConcurrentRolloutsPerCluster());
    row(out, sizes, "  MachinePools after", s -> s.machinePoolsAfterUpgrade());
    row(out, sizes, "  cloud pools after", s -> s.cloudPoolsAfterUpgrade());
    row(out, sizes, "idle window, s", Size::idleSeconds);
    row(out, sizes, "  reconciles/s", Size::idleReconcilesPerSecond);
    row(out, sizes, "  API writes/s (Leases excluded)", Size::idleApiWritesPerSecond);
    row(out, sizes, "    of which Events/s", s -> s.idleApiWritesByResource().getOrDefault("events", 0.0)
        / s.idleSeconds());
    row(out, sizes, "  cloud calls/s", Size::idleCloudCallsPerSecond);
    row(out, sizes, "peak heap used, MiB", Size::peakHeapMiB);
    row(out, sizes, "peak live data after old-gen GC, MiB (0: none)", Size::peakLiveHeapMiB);
    row(out, sizes, "teardown, s", Size::teardownSeconds);
    row(out, sizes, "Normal Events dropped (over budget), all phases", Size::eventsDropped);
    return out.toString();
  }

  private static void row(StringBuilder out, List<Size> sizes, String label,
      java.util.function.ToDoubleFunction<Size> value) {
    out.append(String.format(Locale.ROOT, "%-44s", label));
    sizes.forEach(s -> out.append(String.format(Locale.ROOT, "%12.2f", value.applyAsDouble(s))));
    out.append('\n');
  }

  static void write(Path directory, Map<String, Object> settings, List<Size> sizes) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("fleet-benchmark.json"), new GsonBuilder().setPrettyPrinting()
          .serializeSpecialFloatingPointValues().create().toJson(Map.of("settings", settings, "sizes", sizes)),
          StandardCharsets.UTF_8);
      ImageIO.write(plot(sizes), "png", directory.resolve("fleet-benchmark.png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("write the benchmark report to " + directory, e);
    }
  }

  /** Time to Ready (cold convergence, fleet upgrade, bare loader) against the number of clusters. */
  static BufferedImage plot(List<Size> sizes) {
    System.setProperty("java.awt.headless", "true");
    int width = 900;
    int height = 560;
    int left = 80;
    int right = 30;
    int top = 50;
    int bottom = 70;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double maxX = sizes.stream().mapToDouble(Size::clusters).max().orElse(1);
    double maxY = sizes.stream().flatMapToDouble(s -> java.util.stream.DoubleStream.of(s.coldSeconds(),
        s.upgradeSeconds(), s.loaderSeconds())).filter(Double::isFinite).max().orElse(1);
    maxY = Math.max(maxY * 1.1, 1);
    g.setColor(Color.DARK_GRAY);
    g.drawLine(left, height - bottom, width - right, height - bottom);
    g.drawLine(left, top, left, height - bottom);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= 5; i++) {
      double y = maxY * i / 5;
      int py = (int) (height - bottom - (height - top - bottom) * (y / maxY));
      g.drawString(String.format(Locale.ROOT, maxY < 10 ? "%.1f s" : "%.0f s", y), 20, py + 4);
      g.setColor(new Color(230, 230, 230));
      g.drawLine(left + 1, py, width - right, py);
      g.setColor(Color.DARK_GRAY);
    }
    for (Size size : sizes) {
      int px = (int) (left + (width - left - right) * (size.clusters() / maxX));
      g.drawString(Integer.toString(size.clusters()), px - 12, height - bottom + 18);
    }
    g.drawString("clusters (x " + (sizes.isEmpty() ? 0 : sizes.get(0).nodepools()) + " nodepools)", width / 2 - 60,
        height - 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("Slipway fleet benchmark: time to Ready against fleet size (node-less sim)", left, 30);
    line(g, sizes, Size::coldSeconds, new Color(31, 119, 180), "cold convergence", 0, maxX, maxY, left, right, top,
        bottom, width, height);
    line(g, sizes, Size::upgradeSeconds, new Color(214, 39, 40), "fleet upgrade", 1, maxX, maxY, left, right, top,
        bottom, width, height);
    line(g, sizes, Size::loaderSeconds, new Color(44, 160, 44), "bare loader (machine's limit)", 2, maxX, maxY, left,
        right, top, bottom, width, height);
    g.dispose();
    return image;
  }

  private static void line(Graphics2D g, List<Size> sizes, java.util.function.ToDoubleFunction<Size> value,
      Color color, String label, int legendRow, double maxX, double maxY, int left, int right, int top, int bottom,
      int width, int height) {
    g.setColor(color);
    g.setStroke(new BasicStroke(2.5f));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int previousX = -1;
    int previousY = -1;
    for (Size size : sizes) {
      double y = value.applyAsDouble(size);
      if (!Double.isFinite(y)) {
        previousX = -1;
        continue;
      }
      int px = (int) (left + (width - left - right) * (size.clusters() / maxX));
      int py = (int) (height - bottom - (height - top - bottom) * (y / maxY));
      g.fillOval(px - 4, py - 4, 8, 8);
      if (previousX >= 0) {
        g.drawLine(previousX, previousY, px, py);
      }
      previousX = px;
      previousY = py;
    }
    int ly = top + 10 + legendRow * 20;
    g.drawLine(left + 20, ly, left + 50, ly);
    g.drawString(label, left + 58, ly + 5);
  }
}
