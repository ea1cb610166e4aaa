package dev.slipway.testing.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates the control-plane binaries (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok,
 * slipway-supervise). {@code hack/control-plane/build.sh} builds them from the Go module proxy at pinned versions into
 * the user's cache on first use and prints their folder; later calls find them built and return at once.
 * {@code SLIPWAY_CONTROL_PLANE_BIN} points at prebuilt binaries instead, as {@code KUBEBUILDER_ASSETS} does for
 * envtest.
 */
public record ControlPlaneBinaries(Path directory) {

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneBinaries.class);
  private static final List<String> REQUIRED = List.of(
      "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "slipway-supervise");

  public Path etcd() {
    return directory.resolve("etcd");
  }

  public Path kubeApiserver() {
    return directory.resolve("kube-apiserver");
  }

  public Path kubeControllerManager() {
    return directory.resolve("kube-controller-manager");
  }

  public Path kubeScheduler() {
    return directory.resolve("kube-scheduler");
  }

  public Path kwok() {
    return directory.resolve("kwok");
  }

  public Path supervise() {
    return directory.resolve("slipway-supervise");
  }

  /** Resolves the binaries, building them first if needed (minutes on a cold cache, instant afterwards). */
  public static synchronized ControlPlaneBinaries resolve() {
    String prebuilt = System.getenv("SLIPWAY_CONTROL_PLANE_BIN");
    if (prebuilt != null && !prebuilt.isBlank()) {
      return verified(Path.of(prebuilt));
    }
    return verified(build());
  }

  private static Path build() {
    Path script = ProjectLayout.root().resolve("hack/control-plane/build.sh");
    LOG.info("Ensuring the local control plane is built ({}); a cold build takes several minutes", script);
    try {
      Path stdout = Files.createTempFile("slipway-build-", ".out");
      try {
        Process process = new ProcessBuilder("bash", script.toString())
            .redirectOutput(stdout.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        if (!process.waitFor(60, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IllegalStateException(script + " did not finish within 60 minutes");
        }
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || lines.isEmpty()) {
          throw new IllegalStateException(script + " failed with exit code " + process.exitValue()
              + "; its output is above");
        }
        return Path.of(lines.get(lines.size() - 1).trim());
      } finally {
        Files.deleteIfExists(stdout);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the control plane", e);
    }
  }

  private static ControlPlaneBinaries verified(Path directory) {
    List<String> missing = REQUIRED.stream().filter(b -> !Files.isExecutable(directory.resolve(b))).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("control-plane binaries missing in " + directory + ": " + missing);
    }
    return new ControlPlaneBinaries(directory);
  }
}
