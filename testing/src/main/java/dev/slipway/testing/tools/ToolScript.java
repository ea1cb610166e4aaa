package dev.slipway.testing.tools;

import dev.slipway.testing.controlplane.ProjectLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's {@code hack/*} build or install scripts, which build or install a tool into the user's
 * cache on first use and print where it is on the last line of stdout; their progress goes to the JVM's stderr.
 */
public final class ToolScript {

  private ToolScript() {
  }

  /**
   * Runs {@code script} (relative to the project root) with bash and returns its last line of stdout as a path.
   *
   * @param script e.g. {@code hack/helm/build.sh}
   * @param timeout how long a cold build may take before it is killed
   */
  public static Path lastLine(String script, Duration timeout) {
    Path path = ProjectLayout.root().resolve(script);
    try {
      Path stdout = Files.createTempFile("slipway-tool-", ".out");
      try {
        Process process = new ProcessBuilder("bash", path.toString())
            .redirectOutput(stdout.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(path + " did not finish within " + timeout);
        }
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || lines.isEmpty()) {
          throw new IllegalStateException(path + " failed with exit code " + process.exitValue()
              + "; its output is above (stderr of this JVM)");
        }
        return Path.of(lines.get(lines.size() - 1).trim());
      } finally {
        Files.deleteIfExists(stdout);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + path, e);
    }
  }
}
