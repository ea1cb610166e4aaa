package dev.slipway.controllers.e2e;

import dev.slipway.controllers.SlipwayApplication;
import dev.slipway.testing.controlplane.ControlPlaneBinaries;
import dev.slipway.testing.controlplane.FreePorts;
import dev.slipway.testing.controlplane.SupervisedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slipway's controllers as their own JVM (the test JVM's classpath, {@link SlipwayApplication} as main), so tests can
 * kill them with SIGKILL as a node failure would and start them again. Supervised: they never outlive the test JVM.
 */
public final class ControllerProcess implements AutoCloseable {

  private final SupervisedProcess process;
  private final int port;

  private ControllerProcess(SupervisedProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the controllers against a management cluster, with the simulated cloud's Nodes in a workload cluster.
   *
   * @param name a name for the log file
   * @param logDir where the log goes
   * @param kubeconfig the management cluster
   * @param workloadKubeconfig the workload API server of the simulated cloud
   * @param properties extra {@code --key=value} Spring properties
   */
  public static ControllerProcess start(String name, Path logDir, Path kubeconfig, Path workloadKubeconfig,
      Map<String, String> properties) {
    int port = FreePorts.take(1).get(0);
    List<String> args = new ArrayList<>(List.of(
        "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        SlipwayApplication.class.getName(),
        "--server.port=" + port,
        "--slipway.kubeconfig=" + kubeconfig,
        "--slipway.providers.sim.workload-kubeconfig=" + workloadKubeconfig,
        "--slipway.controllers.poll-interval=1s",
        "--slipway.drain.backoff-initial=1s",
        "--slipway.drain.backoff-max=5s",
        "--slipway.leader-election.lease-duration=4s",
        "--slipway.leader-election.renew-deadline=3s",
        "--slipway.leader-election.retry-period=1s",
        "--spring.cloud.kubernetes.enabled=false"));
    properties.forEach((key, value) -> args.add("--" + key + "=" + value));
    try {
      SupervisedProcess process = SupervisedProcess.start(ControlPlaneBinaries.resolve(), name, logDir,
          Path.of(System.getProperty("java.home"), "bin", "java"), Map.of(), args);
      return new ControllerProcess(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("start the controllers", e);
    }
  }

  /** The HTTP port of the health and metrics endpoints. */
  public int port() {
    return port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String logTail(int lines) {
    return process.logTail(lines);
  }

  /** SIGKILL: no shutdown hook, no lease release — what a crash does. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.stop();
  }
}
