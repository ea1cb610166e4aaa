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
public final class SupervisedProcess {

  private final String name;
  private final Process process;
  private final Path log;

  private SupervisedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static SupervisedProcess start(ControlPlaneBinaries binaries, String name, Path logDir, Path binary,
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

  public String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Fails with the end of the process's log if it has exited. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; last log lines:\n"
          + logTail(40));
    }
  }

  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /**
   * SIGKILL, as a crashing node or an OOM kill would: the supervisor is killed and its child gets SIGKILL from the
   * kernel (PR_SET_PDEATHSIG). No shutdown hook of the child runs.
   */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The log file the process writes to. */
  public Path log() {
    return log;
  }

  /** SIGTERM (forwarded by the supervisor to the process group), then SIGKILL after a grace period. */
  public void stop() {
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
