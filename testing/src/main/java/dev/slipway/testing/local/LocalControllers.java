package dev.slipway.testing.local;

import dev.slipway.testing.controlplane.ControlPlaneBinaries;
import dev.slipway.testing.controlplane.FreePorts;
import dev.slipway.testing.controlplane.SupervisedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Slipway's controllers (the Spring Boot application of the {@code controllers} module) as a child JVM of the local
 * run, started through {@code slipway-supervise} so that they die with the local run even when it is killed with
 * SIGKILL. The testing module does not depend on the controllers: their classpath comes from
 * {@code hack/run-local.sh} in the system property {@value #CLASSPATH_PROPERTY}.
 */
final class LocalControllers implements AutoCloseable {

  static final String CLASSPATH_PROPERTY = "slipway.controllers.classpath";
  private static final String MAIN_CLASS = "dev.slipway.controllers.SlipwayApplication";
  private static final String NAME = "controllers";

  private final SupervisedProcess process;
  private final int port;

  private LocalControllers(SupervisedProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the controllers with the simulated cloud, its Nodes in the workload API server.
   *
   * @param logDir the log goes to {@code controllers.log} in it
   * @param kubeconfig the management cluster
   * @param workloadKubeconfig the workload API server of the simulated cloud
   */
  static LocalControllers start(Path logDir, Path kubeconfig, Path workloadKubeconfig) {
    String classpath = System.getProperty(CLASSPATH_PROPERTY);
    if (classpath == null || classpath.isBlank()) {
      throw new IllegalStateException("system property " + CLASSPATH_PROPERTY + " is not set: start the local run "
          + "with ./hack/run-local.sh, which builds the controllers and passes their classpath");
    }
    int port = FreePorts.take(1).get(0);
    List<String> args = List.of(
        // Start-up speed over peak throughput: a handful of objects on a shared 2-core machine.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", classpath,
        MAIN_CLASS,
        "--server.port=" + port,
        "--server.address=127.0.0.1",
        "--slipway.kubeconfig=" + kubeconfig,
        "--slipway.providers.sim.workload-kubeconfig=" + workloadKubeconfig,
        // One process on a laptop: nothing to elect (SlipwayProperties.LeaderElection says when it may be off).
        "--slipway.leader-election.enabled=false",
        // Not in a cluster: no ConfigMap to read settings from.
        "--spring.cloud.kubernetes.enabled=false");
    try {
      SupervisedProcess process = SupervisedProcess.start(ControlPlaneBinaries.resolve(), NAME, logDir,
          Path.of(System.getProperty("java.home"), "bin", "java"), Map.of(), args);
      return new LocalControllers(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the controllers", e);
    }
  }

  /** The health and metrics endpoints' base URL, e.g. http://127.0.0.1:41234. */
  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return process.log();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Whether /actuator/health answers 200 (UP). */
  boolean healthy() {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/actuator/health").toURL()
          .openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(2000);
      try {
        return connection.getResponseCode() == 200;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  String logTail(int lines) {
    return process.logTail(lines);
  }

  /** SIGTERM, so Spring stops the controllers in order; SIGKILL after a grace period. */
  @Override
  public void close() {
    process.stop();
  }
}
