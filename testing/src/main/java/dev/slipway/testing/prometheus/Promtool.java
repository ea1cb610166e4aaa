package dev.slipway.testing.prometheus;

import dev.slipway.testing.tools.ToolCommand;
import dev.slipway.testing.tools.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prometheus' {@code promtool} from Debian's package (see {@link PrometheusBinaries}): checks rule files and runs
 * rule unit tests. Stateless and thread-safe.
 */
public final class Promtool {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private final Path binary;

  private Promtool(Path binary) {
    this.binary = binary;
  }

  /** Installs Debian's prometheus package into the cache on the first call of the JVM. */
  public static Promtool locate() {
    return new Promtool(PrometheusBinaries.resolve().promtool());
  }

  public Path binary() {
    return binary;
  }

  /**
   * {@code promtool check rules files...}: syntax, PromQL parsing and duplicate rules. A failure names the file, the
   * group, the rule and the parse error on stderr.
   */
  public ToolResult checkRules(Path... files) {
    return run(null, "check", "rules", files);
  }

  /**
   * {@code promtool test rules testFiles...}, run from the first file's folder; the {@code rule_files} of a test file
   * are resolved relative to that test file. A failing expectation is reported on stderr with what was expected and
   * what came out.
   */
  public ToolResult testRules(Path... testFiles) {
    Path workDir = testFiles.length == 0 ? null : testFiles[0].toAbsolutePath().getParent();
    return run(workDir, "test", "rules", testFiles);
  }

  /** Runs {@code promtool args...} in {@code workDir} (null: the JVM's working directory). */
  public ToolResult run(Path workDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(Arrays.asList(args));
    return ToolCommand.run(command, workDir, environment -> { }, null, RUN_TIMEOUT);
  }

  private ToolResult run(Path workDir, String verb, String noun, Path... files) {
    List<String> args = new ArrayList<>(List.of(verb, noun));
    for (Path file : files) {
      args.add(file.toAbsolutePath().toString());
    }
    return run(workDir, args.toArray(String[]::new));
  }
}
