package dev.slipway.testing.tools;

/**
 * What a command-line tool (helm, promtool, ...) answered: its exit code and its whole stdout and stderr.
 *
 * @param exitCode the process's exit code, 0 on success
 * @param stdout everything it wrote to stdout, decoded as UTF-8
 * @param stderr everything it wrote to stderr, decoded as UTF-8
 */
public record ToolResult(int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** This result if the tool succeeded; otherwise an exception quoting its stderr (or its stdout if stderr is empty). */
  public ToolResult orThrow() {
    if (exitCode != 0) {
      String said = stderr.isBlank() ? stdout : stderr;
      throw new IllegalStateException("exited with code " + exitCode + ": " + said.strip());
    }
    return this;
  }
}
