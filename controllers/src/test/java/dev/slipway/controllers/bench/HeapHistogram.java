package dev.slipway.controllers.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the controllers' heap holds: {@code jcmd <pid> GC.class_histogram} of the controllers JVM (the {@code java}
 * process with its {@code server.port} on the command line). The histogram runs a full collection first, so it also makes the
 * controllers' {@code jvm_gc_live_data_size_bytes} report what the heap must hold at that moment.
 */
final class HeapHistogram {

  private HeapHistogram() {
  }

  /**
   * The controllers JVM serving on {@code port}, if it can be found. Reads {@code /proc/<pid>/cmdline} (Linux):
   * {@code ProcessHandle.Info} leaves out the arguments of a command line as long as the controllers' class path.
   */
  static Optional<Long> controllersPid(int port) {
    String marker = "--server.port=" + port;
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(command -> command.endsWith("/java")).orElse(false)
            && commandLine(p.pid()).contains(marker))
        .map(ProcessHandle::pid).max(Long::compare);
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Writes the histogram to {@code file} and returns its first {@code lines} lines (the largest classes). */
  static String capture(long pid, Path file, int lines) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Files.createDirectories(file.getParent());
      Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
          .redirectErrorStream(true).redirectOutput(file.toFile()).start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return "(jcmd GC.class_histogram did not finish in 2 minutes)";
      }
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(0, Math.min(lines, all.size())));
    } catch (IOException e) {
      throw new UncheckedIOException("jcmd " + pid + " GC.class_histogram", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }
}
