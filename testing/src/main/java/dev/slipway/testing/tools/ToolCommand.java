package dev.slipway.testing.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a short-lived command to completion and collects its output. stdin, stdout and stderr are temp files rather
 * than pipes, so neither side can block on a full pipe, and a tool that prompts reads EOF instead of hanging.
 */
public final class ToolCommand {

  private ToolCommand() {
  }

  /**
   * Runs {@code command} in {@code workDir} (null: the JVM's working directory).
   *
   * @param environment edits the inherited environment before the start (remove or add variables)
   * @param stdin what the command reads on stdin; null for nothing (it reads EOF at once)
   * @param timeout after which the process is killed and an exception is thrown
   */
  public static ToolResult run(List<String> command, Path workDir, Consumer<Map<String, String>> environment,
      String stdin, Duration timeout) {
    try {
      Path stdout = Files.createTempFile("slipway-tool-", ".out");
      Path stderr = Files.createTempFile("slipway-tool-", ".err");
      Path input = Files.createTempFile("slipway-tool-", ".in");
      try {
        Files.writeString(input, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectInput(input.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
        if (workDir != null) {
          builder.directory(workDir.toFile());
        }
        environment.accept(builder.environment());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
          throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
              + "; stderr so far:\n" + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new ToolResult(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
        Files.deleteIfExists(input);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
