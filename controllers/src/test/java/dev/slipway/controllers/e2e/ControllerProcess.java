package dev.slipway.controllers.e2e;

import dev.slipway.controllers.SlipwayApplication;
import dev.slipway.testing.controlplane.ControlPlaneBinaries;
import dev.slipway.testing.controlplane.FreePorts;
import dev.slipway.testing.controlplane.SupervisedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slipway's controllers as their own JVM (the test JVM's classpath, {@link SlipwayApplication} as main), so tests can
 * kill them with SIGKILL as a node failure would and start them again. Supervised: they never outlive the test JVM.
 */
public final class ControllerProcess implements AutoCloseable {

  /** Quick start and a small footprint for short test runs: C1 only, serial collector, small thread stacks. */
  public static final List<String> TEST_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xss512k",
      "-XX:+UseSerialGC");

  private final SupervisedProcess process;
  private final int port;

  private ControllerProcess(SupervisedProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the controllers against a management cluster, with the simulated cloud's Nodes in a workload cluster.
   * Spring Cloud Kubernetes is off ({@code spring.main.cloud-platform=none}: no operator-settings ConfigMap is read)
   * unless {@code properties} set {@code spring.main.cloud-platform=kubernetes}; see {@link #settingsFromConfigMap}.
   *
   * @param name a name for the log file
   * @param logDir where the log goes
   * @param kubeconfig the management cluster
   * @param workloadKubeconfig the workload API server of the simulated cloud
   * @param properties extra Spring properties, passed as {@code --key=value}; a key given here replaces the default,
   *     and an empty value removes it
   */
  public static ControllerProcess start(String name, Path logDir, Path kubeconfig, Path workloadKubeconfig,
      Map<String, String> properties) {
    return start(name, logDir, kubeconfig, workloadKubeconfig, properties, Map.of());
  }

  /** As {@link #start(String, Path, Path, Path, Map)}, with extra environment variables (e.g. AWS credentials). */
  public static ControllerProcess start(String name, Path logDir, Path kubeconfig, Path workloadKubeconfig,
      Map<String, String> properties, Map<String, String> environment) {
    return start(name, logDir, kubeconfig, workloadKubeconfig, properties, environment, TEST_JVM_OPTIONS);
  }

  /**
   * As {@link #start(String, Path, Path, Path, Map, Map)}, with the JVM's options instead of the tests' quick-start
   * ones ({@link #TEST_JVM_OPTIONS}): benchmarks run the JIT and collector production runs.
   */
  public static ControllerProcess start(String name, Path logDir, Path kubeconfig, Path workloadKubeconfig,
      Map<String, String> properties, Map<String, String> environment, List<String> jvmOptions) {
    int port = FreePorts.take(1).get(0);
    Map<String, String> effective = new LinkedHashMap<>();
    effective.put("server.port", String.valueOf(port));
    effective.put("slipway.kubeconfig", kubeconfig.toString());
    effective.put("slipway.providers.sim.workload-kubeconfig", workloadKubeconfig.toString());
    effective.put("slipway.controllers.poll-interval", "1s");
    effective.put("slipway.drain.backoff-initial", "1s");
    effective.put("slipway.drain.backoff-max", "5s");
    effective.put("slipway.leader-election.lease-duration", "4s");
    effective.put("slipway.leader-election.renew-deadline", "3s");
    effective.put("slipway.leader-election.retry-period", "1s");
    effective.put("spring.main.cloud-platform", "none");
    // Note: a key given twice on the command line binds as "first,second"; overrides replace, never append.
    effective.putAll(properties);
    // An empty value removes a default, e.g. slipway.providers.sim.workload-kubeconfig for the node-less cloud.
    effective.values().removeIf(String::isEmpty);
    List<String> args = new ArrayList<>(jvmOptions);
    args.addAll(List.of("-cp", System.getProperty("java.class.path"), SlipwayApplication.class.getName()));
    effective.forEach((key, value) -> args.add("--" + key + "=" + value));
    try {
      SupervisedProcess process = SupervisedProcess.start(ControlPlaneBinaries.resolve(), name, logDir,
          Path.of(System.getProperty("java.home"), "bin", "java"), environment, args);
      return new ControllerProcess(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("start the controllers", e);
    }
  }

  /**
   * Properties that make the controllers read their operator settings from the ConfigMap {@code slipway-controllers}
   * in {@code namespace} as they would in a pod, through the management kubeconfig, re-reading it every
   * {@code reloadPeriod}. Keys set on the command line (such as the poll interval above) still win over the ConfigMap.
   */
  public static Map<String, String> settingsFromConfigMap(String namespace, Duration reloadPeriod) {
    return Map.of(
        "spring.main.cloud-platform", "kubernetes",
        "spring.cloud.kubernetes.config.namespace", namespace,
        "spring.cloud.kubernetes.reload.period", reloadPeriod.toMillis() + "ms");
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
