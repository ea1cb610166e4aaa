package dev.slipway.testing.local;

import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.Manifests;
import dev.slipway.testing.controlplane.ProjectLayout;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's first command ({@code hack/run-local.sh}): the whole system on one machine. A management cluster
 * (etcd + kube-apiserver) with Slipway's CRDs, a workload API server with kube-controller-manager, kube-scheduler and
 * KWOK for the simulated cloud's Nodes, and the controllers with the sim provider as a supervised child JVM. It
 * applies the sim sample, logs progress until every sample object is Ready, then says how to look and stays up until
 * Ctrl-C (SIGTERM), which stops the controllers first and the control planes after them.
 *
 * <p>{@code --until-ready} exits instead once everything is Ready (status 0), or with status 1 and the end of the
 * controllers' log when it is not Ready within {@code --timeout} (default 5m) of the controllers starting.
 */
public final class LocalRun {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
  private static final String NAMESPACE = "slipway-samples";
  /** The only sample the local run can serve: the others need a real cloud. */
  private static final String SIM_SAMPLE = "sim-cluster.yaml";
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
  private static final int LOG_TAIL_LINES = 40;

  private final Options options;
  private final Instant launched = Instant.now();
  /** What is running, newest first: stopped in this order. Guarded by {@code this}. */
  private final Deque<Running> running = new ArrayDeque<>();
  private boolean stopping;
  private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "slipway-local-progress");
    thread.setDaemon(true);
    return thread;
  });
  /** Completed with the exit status when the run should end by itself (not on Ctrl-C). */
  private final CompletableFuture<Integer> finished = new CompletableFuture<>();

  /**
   * Command-line options.
   *
   * @param untilReady exit once every sample is Ready instead of staying up
   * @param timeout how long after the controllers start the samples may take to become Ready
   */
  record Options(boolean untilReady, Duration timeout) {

    private static final Pattern TIMEOUT = Pattern.compile("--timeout=(\\d+)([sm])");

    static Options parse(String... args) {
      boolean untilReady = false;
      Duration timeout = Duration.ofMinutes(5);
      for (String arg : args) {
        Matcher matcher = TIMEOUT.matcher(arg);
        if (arg.equals("--until-ready")) {
          untilReady = true;
        } else if (matcher.matches()) {
          long amount = Long.parseLong(matcher.group(1));
          timeout = matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
        } else {
          throw new IllegalArgumentException("unknown argument " + arg
              + "; usage: hack/run-local.sh [--until-ready] [--timeout=<n>s|<n>m]");
        }
      }
      return new Options(untilReady, timeout);
    }
  }

  /** Something the run started, named for the log. */
  private record Running(String what, AutoCloseable stop) {
  }

  private LocalRun(Options options) {
    this.options = options;
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LocalRun run = new LocalRun(options);
    Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "slipway-local-shutdown"));
    // hack/run-local.sh starts this JVM in its own session and turns Ctrl-C into SIGTERM; if the script itself is
    // killed (kill -9), nobody would send that SIGTERM, so stop when the process that started this one is gone.
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
      LOG.warn("The process that started the local run ({}) is gone; stopping", parent.pid());
      System.exit(1);
    }));
    int status;
    try {
      status = run.run();
    } catch (Exception e) {
      if (run.isStopping()) {
        // Ctrl-C while starting: the shutdown hook is stopping what was started; what failed here is a consequence.
        return;
      }
      LOG.error("The local run failed: {}", e.getMessage(), e);
      status = 1;
    }
    System.exit(status);
  }

  private int run() throws IOException, ApiException {
    LocalControlPlane management = track("the management cluster",
        LocalControlPlane.start(LocalControlPlane.Options.apiServerOnly("local")));
    LocalControlPlane workload = track("the workload API server",
        LocalControlPlane.start(LocalControlPlane.Options.withWorkloads("local-workload")));
    management.installCrds(ProjectLayout.crdDirectory());

    Path local = Files.createDirectories(ProjectLayout.root().resolve(".local"));
    Path kubeconfig = local.resolve("kubeconfig");
    Path workloadKubeconfig = local.resolve("workload-kubeconfig");
    // Stable paths for kubectl; deleted on stop, as they name servers that are gone by then.
    track("the kubeconfigs in .local", () -> {
      Files.deleteIfExists(kubeconfig);
      Files.deleteIfExists(workloadKubeconfig);
    });
    Files.copy(management.kubeconfig(), kubeconfig, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(workload.kubeconfig(), workloadKubeconfig, StandardCopyOption.REPLACE_EXISTING);

    new CoreV1Api(management.apiClient())
        .createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(NAMESPACE))).execute();
    List<Map<String, Object>> samples = applySimSample(management.apiClient());
    LOG.info("Not applied: config/samples/aks-cluster.yaml and eks-cluster.yaml. They need a real Azure or AWS "
        + "account (the controllers reach clouds through workload identity); the local run has the simulated cloud "
        + "only.");

    LocalControllers controllers = track("the controllers", LocalControllers.start(local, management.kubeconfig(),
        workload.kubeconfig()));
    Instant controllersStarted = Instant.now();
    LOG.info("Started the controllers with the sim provider ({} s after launch); their log: {}",
        Duration.between(launched, controllersStarted).toSeconds(), controllers.log());
    LOG.info("Waiting until every sample object is Ready{}; progress every {} s",
        options.untilReady() ? " (at most " + options.timeout().toSeconds() + " s)" : "",
        PROGRESS_INTERVAL.toSeconds());

    ConvergenceWatch watch = new ConvergenceWatch(management, workload, controllers, samples, controllersStarted,
        kubeconfig, workloadKubeconfig);
    progress.scheduleWithFixedDelay(watch::check, 0, PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return finished.join();
  }

  private List<Map<String, Object>> applySimSample(ApiClient client) throws ApiException {
    Path sample = ProjectLayout.samplesDirectory().resolve(SIM_SAMPLE);
    List<Map<String, Object>> applied = new ArrayList<>();
    for (Map<String, Object> document : Manifests.load(sample)) {
      applied.add(Manifests.create(client, NAMESPACE, document));
      LOG.info("Applied {} {}/{} from config/samples/{}", document.get("kind"), NAMESPACE,
          ((Map<?, ?>) document.get("metadata")).get("name"), SIM_SAMPLE);
    }
    return applied;
  }

  /** Registers something started, to be stopped with the run; refuses (and stops it) when the run is stopping. */
  private synchronized <T extends AutoCloseable> T track(String what, T started) {
    Running entry = new Running(what, started);
    if (stopping) {
      closeQuietly(entry);
      throw new IllegalStateException("the local run is stopping");
    }
    running.push(entry);
    return started;
  }

  private synchronized boolean isStopping() {
    return stopping;
  }

  /** The shutdown hook: the controllers first (SIGTERM), then the control planes, which delete their folders. */
  private void stop() {
    List<Running> toStop;
    synchronized (this) {
      stopping = true;
      toStop = new ArrayList<>(running);
      running.clear();
    }
    progress.shutdownNow();
    if (toStop.isEmpty()) {
      return;
    }
    LOG.info("Stopping, in this order: {}", String.join(", ", toStop.stream().map(Running::what).toList()));
    Instant started = Instant.now();
    for (Running entry : toStop) {
      closeQuietly(entry);
    }
    LOG.info("Stopped everything in {} ms; the control planes' folders are deleted", Duration.between(started,
        Instant.now()).toMillis());
  }

  private static void closeQuietly(Running entry) {
    try {
      entry.stop().close();
    } catch (Exception e) {
      LOG.warn("Could not stop {}: {}", entry.what(), e.getMessage());
    }
  }

  /**
   * Reads the sample objects on every tick of {@link #progress}: until they are all Ready, one line per object;
   * then the convergence time and how to look; after that only the lines that change (a rollout the user started).
   */
  private final class ConvergenceWatch {

    private final LocalControlPlane management;
    private final LocalControlPlane workload;
    private final LocalControllers controllers;
    private final List<Map<String, Object>> samples;
    private final Instant controllersStarted;
    private final Path kubeconfig;
    private final Path workloadKubeconfig;
    private final Map<String, String> lastLines = new HashMap<>();
    private boolean healthy;
    private boolean converged;
    private boolean timedOut;

    ConvergenceWatch(LocalControlPlane management, LocalControlPlane workload, LocalControllers controllers,
        List<Map<String, Object>> samples, Instant controllersStarted, Path kubeconfig, Path workloadKubeconfig) {
      this.management = management;
      this.workload = workload;
      this.controllers = controllers;
      this.samples = samples;
      this.controllersStarted = controllersStarted;
      this.kubeconfig = kubeconfig;
      this.workloadKubeconfig = workloadKubeconfig;
    }

    /** One tick; never throws, as an exception would cancel the schedule. */
    void check() {
      try {
        Duration elapsed = Duration.between(controllersStarted, Instant.now());
        if (!controllers.isAlive()) {
          LOG.error("The controllers exited; the last lines of {}:\n{}", controllers.log(),
              controllers.logTail(LOG_TAIL_LINES));
          finished.complete(1);
          return;
        }
        if (!healthy && controllers.healthy()) {
          healthy = true;
          LOG.info("+{}s controllers UP: {}/actuator/health", elapsed.toSeconds(), controllers.baseUrl());
        }
        List<SampleStatus> statuses = new ArrayList<>();
        for (Map<String, Object> sample : samples) {
          statuses.add(SampleStatus.of(Manifests.get(management.apiClient(), NAMESPACE, sample)));
        }
        if (converged) {
          logChanges(statuses);
          return;
        }
        if (!healthy) {
          LOG.info("+{}s controllers starting (/actuator/health not UP yet)", elapsed.toSeconds());
        }
        for (SampleStatus status : statuses) {
          LOG.info("+{}s {}", elapsed.toSeconds(), status.line());
          lastLines.put(status.kind() + "/" + status.name(), status.line());
        }
        if (statuses.stream().allMatch(SampleStatus::converged)) {
          converged = true;
          LOG.info("All {} sample objects are Ready, {} s after the controllers started ({} s after launch)",
              statuses.size(), elapsed.toSeconds(), Duration.between(launched, Instant.now()).toSeconds());
          printHowToLook();
          if (options.untilReady()) {
            finished.complete(0);
          }
        } else if (!timedOut && elapsed.compareTo(options.timeout()) > 0) {
          timedOut = true;
          LOG.error("Not every sample object is Ready {} s after the controllers started; the last lines of {}:\n{}",
              elapsed.toSeconds(), controllers.log(), controllers.logTail(LOG_TAIL_LINES));
          if (options.untilReady()) {
            finished.complete(1);
          }
        }
      } catch (ApiException e) {
        LOG.warn("Cannot read the samples: HTTP {} {}", e.getCode(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("Cannot read the samples: {}", e.toString());
      }
    }

    private void logChanges(List<SampleStatus> statuses) {
      for (SampleStatus status : statuses) {
        String line = status.line();
        if (!line.equals(lastLines.put(status.kind() + "/" + status.name(), line))) {
          LOG.info("{}", line);
        }
      }
    }

    private void printHowToLook() {
      String howToLook = """

          Slipway runs locally. Management cluster %1$s; workload API server %2$s (the simulated cloud's Nodes, \
          kept Ready by KWOK).

            export KUBECONFIG=%3$s
            kubectl get slipway -A
            kubectl -n %4$s describe nodepool dev-sim-apps
            kubectl --kubeconfig %5$s get nodes -L sim.slipway.dev/pool

          Controllers: log %6$s
            metrics %7$s/actuator/prometheus
            health  %7$s/actuator/health

          Try a rollout (replace, not mutate): change the OS image of nodepool dev-sim-apps; a new pool comes up, \
          the old nodes are cordoned and drained, the old pool is deleted. This log shows each step.
            kubectl -n %4$s patch nodepool dev-sim-apps --type=merge -p '{"spec":{"template":{"osImage":"Bottlerocket"}}}'

          %8$s""".formatted(management.server(), workload.server(), kubeconfig, NAMESPACE, workloadKubeconfig,
          controllers.log(), controllers.baseUrl(), options.untilReady() ? "--until-ready: stopping now."
              : "Press Ctrl-C to stop: the controllers first, then both control planes; their data is deleted.");
      LOG.info("{}", howToLook);
    }
  }
}
