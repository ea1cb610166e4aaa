package dev.slipway.testing.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Helm CLI at the version pinned in {@code hack/helm/build.sh}, which builds it from the Go module proxy into the
 * user's cache on first use ({@code SLIPWAY_HELM} points at another helm binary instead).
 *
 * <p>Runs are hermetic: Helm's cache, config and data homes are a temp folder of this JVM (deleted when it exits), so
 * the user's repositories, plugins and registry logins are neither read nor changed; inherited {@code HELM_*}
 * variables are dropped and {@code KUBECONFIG} points at a file that does not exist, so a command that needs a
 * cluster fails unless the caller passes {@code KUBECONFIG} (or {@code --kubeconfig}) explicitly.
 */
public final class Helm {

  private static final Logger LOG = LoggerFactory.getLogger(Helm.class);
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
  /** Generous: {@code helm install --wait} against a local control plane is the slowest use. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  private static Helm located;

  private final Path binary;
  private final Path home;

  private Helm(Path binary, Path home) {
    this.binary = binary;
    this.home = home;
  }

  /**
   * The helm of this JVM: built (a minute or two the first time on a machine) or found in the cache by the first call,
   * the same instance afterwards.
   */
  public static synchronized Helm locate() {
    if (located == null) {
      Path binary = ToolScript.lastLine("hack/helm/build.sh", BUILD_TIMEOUT);
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException("hack/helm/build.sh printed " + binary + ", which is not an executable file");
      }
      Path home = createHome();
      located = new Helm(binary, home);
      LOG.info("helm {} with its homes in {}", binary, home);
    }
    return located;
  }

  public Path binary() {
    return binary;
  }

  /** Runs {@code helm args...} in {@code workDir} (null: the JVM's working directory). */
  public ToolResult run(Path workDir, String... args) {
    return run(workDir, Map.of(), args);
  }

  /**
   * Runs {@code helm args...} in {@code workDir} (null: the JVM's working directory) with {@code env} added to the
   * hermetic environment described on the class (e.g. {@code KUBECONFIG}, {@code HELM_NAMESPACE}).
   */
  public ToolResult run(Path workDir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(Arrays.asList(args));
    return ToolCommand.run(command, workDir, environment -> {
      environment.keySet().removeIf(name -> name.startsWith("HELM_"));
      environment.put("HELM_CACHE_HOME", home.resolve("cache").toString());
      environment.put("HELM_CONFIG_HOME", home.resolve("config").toString());
      environment.put("HELM_DATA_HOME", home.resolve("data").toString());
      environment.put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
      environment.putAll(env);
    }, null, RUN_TIMEOUT);
  }

  /** What {@code helm version} reports, e.g. {@code v4.3.1}. */
  public String version() {
    return run(null, "version", "--template", "{{.Version}}").orThrow().stdout().strip();
  }

  private static Path createHome() {
    try {
      Path home = Files.createTempDirectory("slipway-helm-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(home), "slipway-helm-home-cleanup"));
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp folder for Helm's homes", e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Runs at JVM exit: nothing to report to and nothing else to do; the OS cleans /tmp eventually.
      LOG.debug("cannot delete {}: {}", root, e.getMessage());
    }
  }
}
