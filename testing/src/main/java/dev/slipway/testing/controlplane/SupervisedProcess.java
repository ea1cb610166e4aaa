package dev.slipway.testing.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One control-plane process, started through {@code slipway-supervise} so that it dies with the JVM even when the
 * JVM is killed with SIGKILL (no shutdown hook runs then). Its output goes to a log file in the control plane's
 * folder, whose tail is quoted when the process fails.
 */
final class SupervisedProcess {

  private final String name;
  private final Process process;
  private final Path log;

  private SupervisedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static SupervisedProcess start(ControlPlaneBinaries binaries, String name, Path logDir, Path binary,
      Map<String, String> environment, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(binaries.supervise().toString());
    command.add("-parent-pid");
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.add("--");
    command.add(binary.toString());
    command.addAll(args);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process = builder
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    return new SupervisedProcess(name, process, log);
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Fails with the end of the process's log if it has exited. */
  void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; last log lines:\n"
          + logTail(40));
    }
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** SIGTERM (forwarded by the supervisor to the process group), then SIGKILL after a grace period. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
