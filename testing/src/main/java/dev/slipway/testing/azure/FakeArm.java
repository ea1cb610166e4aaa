package dev.slipway.testing.azure;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol-faithful fake of the Azure Resource Manager REST API for AKS, served over HTTPS on a loopback port to the
 * real Azure SDK: managed clusters, agent pools, their scale-set instances ({@code machines}), long-running operations
 * polled through {@code Azure-AsyncOperation}/{@code Location}, role assignments and definitions, and a managed
 * identity token endpoint (App Service protocol, plain HTTP) for {@code DefaultAzureCredential}.
 *
 * <p>Time is the injected clock's and moves lazily: an operation accepted at t completes on the first request or test
 * call at or after t + its {@link Latency}. Every public method is thread-safe (one state lock).
 */
public final class FakeArm implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FakeArm.class);

  /** How long each kind of operation runs before a request sees it finished; {@link Duration#ZERO} is allowed. */
  public record Latency(Map<OperationKind, Duration> byKind) {

    public Latency {
      EnumMap<OperationKind, Duration> copy = new EnumMap<>(OperationKind.class);
      for (OperationKind kind : OperationKind.values()) {
        Duration duration = Objects.requireNonNull(byKind.get(kind), "no latency for " + kind);
        if (duration.isNegative()) {
          throw new IllegalArgumentException("negative latency for " + kind + ": " + duration);
        }
        copy.put(kind, duration);
      }
      byKind = Map.copyOf(copy);
    }

    /** Cluster and pool creation and upgrades 2 s; updates, scaling and deletions 1 s. */
    public static Latency defaults() {
      EnumMap<OperationKind, Duration> map = new EnumMap<>(OperationKind.class);
      for (OperationKind kind : OperationKind.values()) {
        map.put(kind, Duration.ofSeconds(1));
      }
      map.put(OperationKind.CREATE_CLUSTER, Duration.ofSeconds(2));
      map.put(OperationKind.CREATE_POOL, Duration.ofSeconds(2));
      map.put(OperationKind.UPGRADE_CLUSTER, Duration.ofSeconds(2));
      map.put(OperationKind.UPGRADE_POOL, Duration.ofSeconds(2));
      return new Latency(map);
    }

    /** The same latency for every kind. */
    public static Latency uniform(Duration duration) {
      EnumMap<OperationKind, Duration> map = new EnumMap<>(OperationKind.class);
      for (OperationKind kind : OperationKind.values()) {
        map.put(kind, duration);
      }
      return new Latency(map);
    }

    public Latency with(OperationKind kind, Duration duration) {
      EnumMap<OperationKind, Duration> map = new EnumMap<>(byKind);
      map.put(kind, duration);
      return new Latency(map);
    }

    public Duration of(OperationKind kind) {
      return byKind.get(kind);
    }
  }

  private final Object state = new Object();
  private final Clock clock;
  private final Path directory;
  private final SelfSignedCertificate certificate;
  private final ExecutorService executor;
  private final HttpsServer armServer;
  private final HttpServer identityServer;
  private final URI endpoint;
  private final URI identityEndpoint;
  private final String identityHeader = UUID.randomUUID().toString();
  private final String tenantId = UUID.randomUUID().toString();
  private final Faults faults = new Faults();
  private final ContainerService containerService;
  private final Authorization authorization;
  private final ArmDispatcher dispatcher;
  private final String staticToken;

  private FakeArm(Clock clock, Path directory, SelfSignedCertificate certificate, ExecutorService executor,
      HttpsServer armServer, HttpServer identityServer) {
    this.clock = clock;
    this.directory = directory;
    this.certificate = certificate;
    this.executor = executor;
    this.armServer = armServer;
    this.identityServer = identityServer;
    this.endpoint = URI.create("https://127.0.0.1:" + armServer.getAddress().getPort() + "/");
    this.identityEndpoint = URI.create("http://127.0.0.1:" + identityServer.getAddress().getPort()
        + ManagedIdentityEndpoint.PATH);
    this.containerService = new ContainerService(endpoint, faults, tenantId, certificate.certificatePemText(),
        certificate.certificatePemText(), certificate.privateKeyPem());
    this.authorization = new Authorization(containerService, endpoint);
    this.dispatcher = new ArmDispatcher(state, clock, tenantId, containerService, authorization, faults);
    synchronized (state) {
      this.staticToken = dispatcher.issueToken();
    }
    armServer.createContext("/", dispatcher);
    identityServer.createContext(ManagedIdentityEndpoint.PATH, new ManagedIdentityEndpoint(state, clock, dispatcher,
        identityHeader, UUID.randomUUID().toString()));
  }

  /** Starts the fake on the system clock. */
  public static FakeArm start() {
    return start(Clock.systemUTC());
  }

  /** Starts the fake: a new self-signed certificate, the HTTPS ARM listener and the plain-HTTP identity listener. */
  public static FakeArm start(Clock clock) {
    Path directory = null;
    ExecutorService executor = null;
    try {
      directory = Files.createTempDirectory("fake-arm");
      SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
      AtomicInteger threads = new AtomicInteger();
      executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "fake-arm-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      HttpsServer arm = HttpsServer.create(new InetSocketAddress(loopback, 0), 0);
      arm.setHttpsConfigurator(new HttpsConfigurator(certificate.sslContext()));
      arm.setExecutor(executor);
      HttpServer identity = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
      identity.setExecutor(executor);
      FakeArm fake = new FakeArm(clock, directory, certificate, executor, arm, identity);
      arm.start();
      identity.start();
      LOG.info("fake ARM at {} (managed identity at {})", fake.endpoint, fake.identityEndpoint);
      return fake;
    } catch (IOException | RuntimeException e) {
      if (executor != null) {
        executor.shutdownNow();
      }
      deleteQuietly(directory);
      throw e instanceof IOException io ? new UncheckedIOException("cannot start the fake ARM", io)
          : (RuntimeException) e;
    }
  }

  @Override
  public void close() {
    armServer.stop(0);
    identityServer.stop(0);
    executor.shutdownNow();
    deleteQuietly(directory);
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.debug("could not delete {}; it is a temporary folder", directory, e);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Where to reach it

  /** The ARM base URL, {@code https://127.0.0.1:<port>/}: an {@code AzureEnvironment}'s resourceManagerEndpointUrl. */
  public URI endpoint() {
    return endpoint;
  }

  /** The PEM of the self-signed certificate the ARM listener presents, for clients to trust. */
  public Path certificatePem() {
    return certificate.certificatePem();
  }

  /** The managed identity token endpoint ({@code IDENTITY_ENDPOINT} of the App Service protocol), plain HTTP. */
  public URI identityEndpoint() {
    return identityEndpoint;
  }

  /** The secret the identity endpoint wants in {@code X-IDENTITY-HEADER} ({@code IDENTITY_HEADER}). */
  public String identityHeader() {
    return identityHeader;
  }

  /** A bearer token ARM accepts, for in-process clients; it does not expire. */
  public String staticToken() {
    return staticToken;
  }

  /** The directory tenant the fake's identities belong to. */
  public String tenantId() {
    return tenantId;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Settings

  public void setLatency(Latency latency) {
    synchronized (state) {
      containerService.setLatency(Objects.requireNonNull(latency));
    }
  }

  public Latency latency() {
    synchronized (state) {
      return containerService.latency();
    }
  }

  /**
   * How long after a cluster first reaches Succeeded its identities (control plane and kubelet) become known to
   * role assignments; before that a role assignment for them answers 400 PrincipalNotFound. Default 0.
   */
  public void setPrincipalReplicationLag(Duration lag) {
    synchronized (state) {
      containerService.setPrincipalReplicationLag(lag);
    }
  }

  /** The most items a list page holds before it names a nextLink. Default 100. */
  public void setPageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("a page holds at least one item: " + pageSize);
    }
    synchronized (state) {
      containerService.setPageSize(pageSize);
      authorization.setPageSize(pageSize);
    }
  }

  /**
   * The kubeconfig both credential lists of a cluster return (base64-encoded, as AKS does), instead of the default
   * one pointing at the cluster's FQDN. May be set before the cluster exists.
   */
  public void kubeconfigFor(String subscription, String resourceGroup, String cluster, String yaml) {
    synchronized (state) {
      containerService.registerKubeconfig(subscription, resourceGroup, cluster, yaml);
    }
  }

  /**
   * Changes the cluster's credentials, as a certificate rotation does: the default kubeconfig gets a new token and a
   * registered one a generation comment, so a client can tell that it refreshed.
   */
  public void rotateCredentials(String subscription, String resourceGroup, String cluster) {
    synchronized (state) {
      containerService.rotateCredentials(subscription, resourceGroup, cluster);
    }
  }

  /** A container registry that exists, so that role assignments may be scoped to it (case-insensitive). */
  public void addRegistry(String resourceId) {
    synchronized (state) {
      authorization.addRegistry(resourceId);
    }
  }

  /** A principal (object id) that exists in the directory from now on. */
  public void registerPrincipal(String objectId) {
    synchronized (state) {
      authorization.registerPrincipal(objectId);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Faults

  /** The next {@code times} ARM requests answer 429 TooManyRequests with {@code Retry-After} (whole seconds). */
  public void throttleNext(int times, Duration retryAfter) {
    synchronized (state) {
      faults.throttle(times, retryAfter);
    }
  }

  /** The next {@code times} ARM requests answer {@code status} with error {@code code}. */
  public void failNext(int times, int status, String code) {
    failNext(times, status, code, null, null);
  }

  /**
   * The next {@code times} ARM requests with this method (null: any) whose path contains {@code pathSubstring}
   * (case-insensitive; null: any) answer {@code status} with error {@code code}.
   */
  public void failNext(int times, int status, String code, String method, String pathSubstring) {
    synchronized (state) {
      faults.fail(times, status, code, method, pathSubstring);
    }
  }

  /**
   * The next operation accepted on a path containing {@code pathSubstring} (case-insensitive) is answered as usual,
   * then ends Failed with this error, leaving its resource in provisioningState Failed.
   */
  public void failNextOperation(String pathSubstring, String code, String message) {
    synchronized (state) {
      faults.failOperation(pathSubstring, code, message);
    }
  }

  /** Someone else deleted the cluster: gone at once with its pools and machines. */
  public void deleteOutOfBand(String subscription, String resourceGroup, String cluster) {
    synchronized (state) {
      containerService.advance(clock.instant());
      containerService.deleteClusterOutOfBand(subscription, resourceGroup, cluster);
    }
  }

  /** Someone else deleted the agent pool: gone at once with its machines. */
  public void deleteOutOfBand(String subscription, String resourceGroup, String cluster, String pool) {
    synchronized (state) {
      containerService.advance(clock.instant());
      containerService.deletePoolOutOfBand(subscription, resourceGroup, cluster, pool);
    }
  }

  /** Someone else scaled the agent pool: its count and machines change at once, without an operation. */
  public void scaleOutOfBand(String subscription, String resourceGroup, String cluster, String pool, int count) {
    synchronized (state) {
      containerService.advance(clock.instant());
      containerService.scalePoolOutOfBand(subscription, resourceGroup, cluster, pool, count);
    }
  }

  /**
   * The cluster autoscaler's decision for a pool with enableAutoScaling (within minCount..maxCount): applied at once
   * and kept by later operations. Without it such a pool stays at minCount.
   */
  public void setAutoscalerCount(String subscription, String resourceGroup, String cluster, String pool, int count) {
    synchronized (state) {
      containerService.advance(clock.instant());
      containerService.setAutoscalerCount(subscription, resourceGroup, cluster, pool, count);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // What a test can look at (each call first advances time, like a request)

  /** Every request answered so far, ARM and identity endpoint, in order. */
  public List<RecordedRequest> requests() {
    synchronized (state) {
      return dispatcher.requests();
    }
  }

  public List<ClusterSnapshot> clusters() {
    synchronized (state) {
      containerService.advance(clock.instant());
      return containerService.clusters();
    }
  }

  public List<AgentPoolSnapshot> agentPools(String subscription, String resourceGroup, String cluster) {
    synchronized (state) {
      containerService.advance(clock.instant());
      return containerService.agentPools(subscription, resourceGroup, cluster);
    }
  }

  /** Every scale-set instance of every pool of every cluster, as it exists now; cheap enough to poll. */
  public List<Machine> machines() {
    synchronized (state) {
      containerService.advance(clock.instant());
      return containerService.machines();
    }
  }

  public List<RoleAssignmentSnapshot> roleAssignments() {
    synchronized (state) {
      return authorization.roleAssignments();
    }
  }

  public List<OperationRecord> inFlightOperations() {
    synchronized (state) {
      containerService.advance(clock.instant());
      return containerService.inFlightOperations();
    }
  }

  /**
   * Every operation accepted on the cluster or its pools, in the order accepted, with start and end times by the
   * fake's clock, including those of an earlier cluster of the same name. The fake answers an overlapping request with
   * 409 (as AKS does), so accepted ones never overlap ({@link OperationRecord#overlaps}); what a test learns here is
   * which operations a client started, when, and how each ended.
   */
  public List<OperationRecord> operationHistory(String subscription, String resourceGroup, String cluster) {
    synchronized (state) {
      containerService.advance(clock.instant());
      return containerService.operationHistory(subscription, resourceGroup, cluster);
    }
  }
}
