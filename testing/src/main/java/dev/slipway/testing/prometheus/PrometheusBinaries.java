package dev.slipway.testing.prometheus;

import dev.slipway.testing.tools.ToolScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's prometheus package unpacked by {@code hack/prometheus/install.sh} into the user's cache (seconds the first
 * time on a machine, instant afterwards; {@code SLIPWAY_PROMETHEUS_BIN} points at another folder instead). Resolved
 * once per JVM.
 *
 * @param directory the folder holding {@code prometheus} and {@code promtool}
 */
public record PrometheusBinaries(Path directory) {

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static PrometheusBinaries resolved;

  public Path prometheus() {
    return directory.resolve("prometheus");
  }

  public Path promtool() {
    return directory.resolve("promtool");
  }

  public static synchronized PrometheusBinaries resolve() {
    if (resolved == null) {
      PrometheusBinaries binaries = new PrometheusBinaries(
          ToolScript.lastLine("hack/prometheus/install.sh", INSTALL_TIMEOUT));
      for (Path binary : new Path[] {binaries.prometheus(), binaries.promtool()}) {
        if (!Files.isExecutable(binary)) {
          throw new IllegalStateException("hack/prometheus/install.sh printed " + binaries.directory()
              + ", which holds no executable " + binary.getFileName());
        }
      }
      resolved = binaries;
    }
    return resolved;
  }
}
