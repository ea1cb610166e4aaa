package dev.slipway.controllers.runtime;

import io.kubernetes.client.extended.controller.Controller;
import io.kubernetes.client.extended.controller.ControllerManager;
import io.kubernetes.client.extended.controller.DefaultController;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.kubernetes.client.extended.leaderelection.LeaderElector;
import io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubernetes.client.extended.workqueue.DefaultRateLimitingQueue;
import io.kubernetes.client.extended.workqueue.RateLimitingQueue;
import io.kubernetes.client.extended.workqueue.ratelimiter.BucketRateLimiter;
import io.kubernetes.client.extended.workqueue.ratelimiter.ItemExponentialFailureRateLimiter;
import io.kubernetes.client.extended.workqueue.ratelimiter.MaxOfRateLimiter;
import io.kubernetes.client.openapi.ApiClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link ControllerDefinition} once this replica leads: a rate-limited work queue and a worker pool per
 * controller, over the shared informers of {@link ManagementInformers}. Leadership is a Lease; a replica that loses
 * it marks itself broken (liveness) and stops its controllers, so Kubernetes restarts it as a clean follower —
 * informers and queues are not reused across leaderships.
 */
@Component
@ConditionalOnProperty(name = "slipway.controllers.enabled", havingValue = "true", matchIfMissing = true)
public class ControllerRunner implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerRunner.class);

  private final List<ControllerDefinition> definitions;
  private final ManagementInformers informers;
  private final SlipwayProperties properties;
  private final ApiClient apiClient;
  private final MeterRegistry meters;
  private final ApplicationEventPublisher events;
  private final AtomicBoolean running = new AtomicBoolean();
  private final String identity;
  private volatile ControllerManager manager;
  private volatile LeaderElector elector;
  private volatile Thread thread;
  private volatile boolean leading;

  public ControllerRunner(List<ControllerDefinition> definitions, ManagementInformers informers,
      SlipwayProperties properties, @Qualifier("apiClient") ApiClient apiClient, MeterRegistry meters,
      ApplicationEventPublisher events) {
    this.definitions = definitions;
    this.informers = informers;
    this.properties = properties;
    this.apiClient = apiClient;
    this.meters = meters;
    this.events = events;
    this.identity = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Whether this replica leads and runs the controllers now. */
  public boolean isLeading() {
    return leading;
  }

  public String identity() {
    return identity;
  }

  @Override
  public void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    List<Controller> controllers = new ArrayList<>();
    for (ControllerDefinition definition : definitions) {
      RateLimitingQueue<Request> queue = new InstrumentedQueue<>(definition.name(),
          new DefaultRateLimitingQueue<>(Executors.newSingleThreadExecutor(), new MaxOfRateLimiter<>(
              new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(500), Duration.ofMinutes(5)),
              new BucketRateLimiter<>(100, 20, Duration.ofSeconds(1)))), meters, System::nanoTime);
      definition.watch(queue);
      DefaultController controller = new DefaultController(definition.name(),
          new InstrumentedReconciler(definition.name(), definition.reconciler(), meters), queue,
          informers::hasSynced);
      int workers = Math.max(1, definition.workers(properties));
      Gauge.builder("controller.runtime.max.concurrent.reconciles", () -> workers)
          .description("Workers of the controller").tag("controller", definition.name()).register(meters);
      controller.setWorkerCount(workers);
      AtomicInteger threads = new AtomicInteger();
      controller.setWorkerThreadPool(Executors.newScheduledThreadPool(workers,
          runnable -> new Thread(runnable, definition.name() + "-worker-" + threads.incrementAndGet())));
      controllers.add(controller);
    }
    manager = new ControllerManager(informers.factory(), controllers.toArray(new Controller[0]));
    Gauge.builder("leader.election.master.status", () -> leading ? 1 : 0)
        .description("1 while this replica holds the leader Lease and runs the controllers, else 0")
        .tag("name", properties.leaderElection().leaseName()).register(meters);
    thread = new Thread(this::lead, "slipway-controllers");
    thread.start();
  }

  private void lead() {
    SlipwayProperties.LeaderElection election = properties.leaderElection();
    if (!election.enabled()) {
      LOG.info("Leader election is off: running the controllers as {}", identity);
      runControllers();
      return;
    }
    LeaseLock lock = new LeaseLock(election.namespace(), election.leaseName(), identity, apiClient);
    elector = new LeaderElector(new LeaderElectionConfig(lock, election.leaseDuration(), election.renewDeadline(),
        election.retryPeriod()));
    LOG.info("Waiting to lead through Lease {}/{} as {}", election.namespace(), election.leaseName(), identity);
    elector.run(this::runControllers, this::stoppedLeading);
  }

  private void runControllers() {
    leading = true;
    LOG.info("Leading: starting controllers {}", definitions.stream().map(ControllerDefinition::name).toList());
    manager.run();
  }

  private void stoppedLeading() {
    boolean wasLeading = leading;
    leading = false;
    if (running.get() && wasLeading) {
      LOG.error("Lost the leader Lease; stopping the controllers and reporting not alive so this replica restarts");
      AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
    }
    manager.shutdown();
  }

  @Override
  public void stop() {
    if (!running.compareAndSet(true, false)) {
      return;
    }
    LOG.info("Stopping controllers");
    if (elector != null) {
      elector.close();
    }
    manager.shutdown();
    leading = false;
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  private static String hostname() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "slipway";
    }
  }
}
