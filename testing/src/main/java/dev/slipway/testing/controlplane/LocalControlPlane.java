package dev.slipway.testing.controlplane;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import okhttp3.Request;
import org.awaitility.Awaitility;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on loopback: etcd and kube-apiserver, and on request kube-controller-manager,
 * kube-scheduler and KWOK (so that Deployments get pods, pods get scheduled and fake nodes stay Ready). No Docker:
 * the binaries come from {@link ControlPlaneBinaries}. Every instance uses its own free ports and its own folder, so
 * several can run at once (two test JVMs, a test beside the local run). {@link #close()} stops every process and
 * deletes the folder; if the JVM dies without closing, the supervisor of each process stops it.
 */
public final class LocalControlPlane implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalControlPlane.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final int START_ATTEMPTS = 3;
  /** Annotation that marks a Node as KWOK's to keep alive (see hack/control-plane/kwok-stages.yaml). */
  private static final String FOLDER_PREFIX = "slipway-cp-";
  /** Holds the PID of the JVM that owns a control-plane folder, so a later start can clean up after a killed one. */
  private static final String OWNER_FILE = "owner.pid";
  private static final String CRD_GROUP = "apiextensions.k8s.io";
  private static final String CRD_VERSION = "v1";
  private static final String CRD_PLURAL = "customresourcedefinitions";
  public static final String KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";
  private static final String AUDIT_LOG = "kube-apiserver-audit.log";
  /** Who changed or evicted from which Node: Metadata level for those writes, nothing else. */
  private static final String AUDIT_POLICY = """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: ["RequestReceived"]
      rules:
      - level: Metadata
        verbs: ["update", "patch", "delete"]
        resources:
        - group: ""
          resources: ["nodes"]
      - level: Metadata
        verbs: ["create"]
        resources:
        - group: ""
          resources: ["pods/eviction"]
      - level: None
      """;

  private final Options options;
  private final ControlPlaneBinaries binaries;
  private final Path directory;
  private final List<SupervisedProcess> processes = new ArrayList<>();
  private final String adminToken;
  private String server;
  private String etcdUrl;
  private List<String> apiServerArgs;
  private SupervisedProcess apiServer;
  private int apiServerRestarts;
  private Path kubeconfig;
  private ApiClient apiClient;
  private Duration apiServerStartTime;

  /**
   * What to run beside etcd and kube-apiserver.
   *
   * @param workloads also run kube-controller-manager, kube-scheduler and KWOK
   * @param name a label for logs and the folder name
   */
  public record Options(boolean workloads, String name) {

    /** etcd and kube-apiserver only: enough for API tests. */
    public static Options apiServerOnly(String name) {
      return new Options(false, name);
    }

    /** The full set: workloads really get scheduled and moved between KWOK nodes. */
    public static Options withWorkloads(String name) {
      return new Options(true, name);
    }
  }

  private LocalControlPlane(Options options, ControlPlaneBinaries binaries, Path directory) {
    this.options = options;
    this.binaries = binaries;
    this.directory = directory;
    byte[] token = new byte[24];
    new SecureRandom().nextBytes(token);
    this.adminToken = HexFormat.of().formatHex(token);
  }

  /** Starts a control plane, building the binaries first if needed. */
  public static LocalControlPlane start(Options options) {
    ControlPlaneBinaries binaries = ControlPlaneBinaries.resolve();
    deleteFoldersOfDeadOwners();
    RuntimeException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Path directory;
      try {
        directory = Files.createTempDirectory(FOLDER_PREFIX + options.name() + "-");
        Files.writeString(directory.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      LocalControlPlane controlPlane = new LocalControlPlane(options, binaries, directory);
      try {
        controlPlane.startProcesses();
        return controlPlane;
      } catch (RuntimeException e) {
        // Most often a port taken between choosing and binding it: try again with new ports.
        LOG.warn("Control plane {} failed to start (attempt {} of {}): {}", options.name(), attempt, START_ATTEMPTS,
            e.getMessage());
        controlPlane.close();
        last = e;
      }
    }
    throw last;
  }

  /** An admin client (group system:masters) for the API server. */
  public ApiClient apiClient() {
    return apiClient;
  }

  /** A new admin client, e.g. one with its own timeouts for watches. */
  public ApiClient newApiClient() {
    try (var reader = Files.newBufferedReader(kubeconfig)) {
      return ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(reader)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API server's URL, e.g. https://127.0.0.1:40123. */
  public String server() {
    return server;
  }

  /** etcd's client URL (plain HTTP on loopback), e.g. for its {@code /metrics}. */
  public String etcdUrl() {
    return etcdUrl;
  }

  /** A kubeconfig file for the admin user, usable with kubectl. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** Time from starting kube-apiserver until its /readyz answered ok. */
  public Duration apiServerStartTime() {
    return apiServerStartTime;
  }

  /**
   * kube-apiserver's audit log (JSON lines, {@code audit.k8s.io/v1} Events). The policy is narrow, so the file
   * stays small: only writes to Nodes (update, patch, delete) and pod evictions, at Metadata level (verb, object,
   * user, user agent, response code). Tests read it to see who touched which Node; it survives
   * {@link #restartApiServer()} (kube-apiserver appends).
   */
  public Path apiServerAuditLog() {
    return directory.resolve(AUDIT_LOG);
  }

  /**
   * Kills kube-apiserver with SIGKILL (every watch and connection is cut at once) and starts it again with the
   * same flags, port and certificates (it reuses the serving certificate in its {@code --cert-dir}), then awaits
   * /readyz. etcd keeps the data, so clients carry on after reconnecting; existing kubeconfigs stay valid.
   *
   * @return how long kube-apiserver took to be ready again
   */
  public synchronized Duration restartApiServer() {
    Instant killed = Instant.now();
    apiServer.kill();
    processes.remove(apiServer);
    // Note: the killed process may hold its port for a moment; a start that fails to bind exits and is retried.
    RuntimeException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      apiServerRestarts++;
      try {
        apiServer = SupervisedProcess.start(binaries, "kube-apiserver-restart-" + apiServerRestarts, directory,
            binaries.kubeApiserver(), Map.of(), apiServerArgs);
      } catch (IOException e) {
        throw new UncheckedIOException("restart kube-apiserver", e);
      }
      // After etcd, before the workload components: close() stops them in reverse order.
      processes.add(Math.min(1, processes.size()), apiServer);
      try {
        awaitReady(apiServer, this::apiServerReady);
        last = null;
        break;
      } catch (RuntimeException e) {
        LOG.warn("kube-apiserver restart attempt {} of {} failed: {}", attempt, START_ATTEMPTS, e.getMessage());
        apiServer.kill();
        processes.remove(apiServer);
        last = e;
      }
    }
    if (last != null) {
      throw last;
    }
    Duration took = Duration.between(killed, Instant.now());
    LOG.info("kube-apiserver {} restarted and ready after {} ms ({})", server, took.toMillis(), options.name());
    return took;
  }

  /** Folder with the logs and data of this control plane; deleted by {@link #close()}. */
  public Path directory() {
    return directory;
  }

  private void startProcesses() {
    try {
      List<Integer> ports = FreePorts.take(3);
      int etcdClientPort = ports.get(0);
      int etcdPeerPort = ports.get(1);
      int apiServerPort = ports.get(2);
      Path pki = Files.createDirectories(directory.resolve("pki"));
      Path serviceAccountKey = writeServiceAccountKey(pki);
      Path tokens = pki.resolve("tokens.csv");
      Files.writeString(tokens, adminToken + ",slipway-admin,slipway-admin,\"system:masters\"\n");

      etcdUrl = "http://127.0.0.1:" + etcdClientPort;
      SupervisedProcess etcd = launch("etcd", binaries.etcd(), List.of(
          "--name=default",
          "--data-dir=" + directory.resolve("etcd"),
          "--listen-client-urls=" + etcdUrl,
          "--advertise-client-urls=" + etcdUrl,
          "--listen-peer-urls=http://127.0.0.1:" + etcdPeerPort,
          "--initial-advertise-peer-urls=http://127.0.0.1:" + etcdPeerPort,
          "--initial-cluster=default=http://127.0.0.1:" + etcdPeerPort,
          // Test data is thrown away with the folder: skip fsync, which dominates etcd latency on slow disks.
          "--unsafe-no-fsync=true",
          "--log-level=warn"));
      awaitReady(etcd, () -> httpOk(etcdUrl + "/health"));

      server = "https://127.0.0.1:" + apiServerPort;
      Instant apiServerStarted = Instant.now();
      Path auditPolicy = directory.resolve("audit-policy.yaml");
      Files.writeString(auditPolicy, AUDIT_POLICY, StandardCharsets.UTF_8);
      apiServerArgs = List.of(
          "--etcd-servers=" + etcdUrl,
          "--bind-address=127.0.0.1",
          "--advertise-address=127.0.0.1",
          "--secure-port=" + apiServerPort,
          "--cert-dir=" + pki,
          "--token-auth-file=" + tokens,
          "--authorization-mode=RBAC",
          "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
          "--service-account-key-file=" + serviceAccountKey,
          "--service-account-signing-key-file=" + serviceAccountKey,
          // A range is required; nothing routes to it, Services only get addresses from it.
          "--service-cluster-ip-range=10.96.0.0/12",
          // The default reconciler refuses a loopback advertise address and logs about it forever.
          "--endpoint-reconciler-type=none",
          "--allow-privileged=true",
          "--audit-policy-file=" + auditPolicy,
          "--audit-log-path=" + directory.resolve(AUDIT_LOG),
          "--audit-log-format=json",
          "--audit-log-mode=blocking",
          "--v=0");
      apiServer = launch("kube-apiserver", binaries.kubeApiserver(), apiServerArgs);
      // kube-apiserver writes its self-signed serving certificate first thing; clients trust exactly that.
      Path servingCertificate = pki.resolve("apiserver.crt");
      awaitReady(apiServer, () -> Files.isRegularFile(servingCertificate) && servingCertificate.toFile().length() > 0);
      kubeconfig = writeKubeconfig(Files.readAllBytes(servingCertificate));
      apiClient = newApiClient();
      awaitReady(apiServer, this::apiServerReady);
      apiServerStartTime = Duration.between(apiServerStarted, Instant.now());
      LOG.info("kube-apiserver {} ready after {} ms ({})", server, apiServerStartTime.toMillis(), options.name());

      if (options.workloads()) {
        startWorkloadComponents(serviceAccountKey);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare " + directory + ": " + e.getMessage(), e);
    }
  }

  private void startWorkloadComponents(Path serviceAccountKey) throws IOException {
    Path stages = ProjectLayout.root().resolve("hack/control-plane/kwok-stages.yaml");
    launch("kube-controller-manager", binaries.kubeControllerManager(), List.of(
        "--kubeconfig=" + kubeconfig,
        "--leader-elect=false",
        // 0: serve no health port, so nothing here can clash with another instance.
        "--secure-port=0",
        "--service-account-private-key-file=" + serviceAccountKey,
        "--use-service-account-credentials=true",
        "--v=0"));
    launch("kube-scheduler", binaries.kubeScheduler(), List.of(
        "--kubeconfig=" + kubeconfig,
        "--leader-elect=false",
        "--secure-port=0",
        "--v=0"));
    launch("kwok", binaries.kwok(), Map.of("KWOK_WORKDIR", directory.resolve("kwok").toString()), List.of(
        "--kubeconfig=" + kubeconfig,
        "--config=" + stages,
        "--manage-all-nodes=false",
        "--manage-nodes-with-annotation-selector=" + KWOK_NODE_ANNOTATION + "=fake",
        // Without leases kube-controller-manager marks the fake nodes NotReady after 50 s.
        "--node-lease-duration-seconds=40",
        // The default /24 pod-IP pool runs out after 254 pods.
        "--cidr=10.0.0.0/16"));
    for (SupervisedProcess process : processes) {
      process.checkAlive();
    }
  }

  /**
   * Installs (or updates) every CRD in a folder of YAML files and waits until the API server serves each one. The
   * CRDs go through as plain maps: a round trip through the typed model would turn integers into floats.
   */
  @SuppressWarnings("unchecked")
  public void installCrds(Path crdDirectory) {
    CustomObjectsApi api = new CustomObjectsApi(apiClient);
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(crdDirectory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .sorted().toList()) {
        Map<String, Object> crd = Manifests.load(file).get(0);
        String name = (String) ((Map<String, Object>) crd.get("metadata")).get("name");
        names.add(name);
        try {
          api.createClusterCustomObject(CRD_GROUP, CRD_VERSION, CRD_PLURAL, crd).execute();
        } catch (ApiException e) {
          if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
            throw new IllegalStateException("cannot install CRD from " + file + ": " + e.getResponseBody(), e);
          }
          Map<String, Object> existing = (Map<String, Object>) api
              .getClusterCustomObject(CRD_GROUP, CRD_VERSION, CRD_PLURAL, name).execute();
          ((Map<String, Object>) crd.get("metadata")).put("resourceVersion",
              ((Map<String, Object>) existing.get("metadata")).get("resourceVersion"));
          api.replaceClusterCustomObject(CRD_GROUP, CRD_VERSION, CRD_PLURAL, name, crd).execute();
        }
      }
      for (String name : names) {
        await("CRD " + name + " established", () -> established(name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ApiException e) {
      throw new IllegalStateException("cannot install CRDs: " + e.getResponseBody(), e);
    }
  }

  private boolean established(String name) {
    try {
      V1CustomResourceDefinition crd = new ApiextensionsV1Api(apiClient).readCustomResourceDefinition(name).execute();
      return crd.getStatus() != null && crd.getStatus().getConditions() != null
          && crd.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    } catch (ApiException e) {
      return false;
    }
  }

  /** The last lines of one component's log, for failure messages. */
  public String logTail(String component, int lines) {
    return processes.stream().filter(p -> p.name().equals(component)).findFirst()
        .map(p -> p.logTail(lines)).orElse("(no component " + component + ")");
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop();
    }
    processes.clear();
    deleteRecursively(directory);
  }

  private SupervisedProcess launch(String name, Path binary, List<String> args) throws IOException {
    return launch(name, binary, Map.of(), args);
  }

  private SupervisedProcess launch(String name, Path binary, Map<String, String> environment, List<String> args)
      throws IOException {
    SupervisedProcess process = SupervisedProcess.start(binaries, name, directory, binary, environment, args);
    processes.add(process);
    return process;
  }

  private void awaitReady(SupervisedProcess process, BooleanSupplier ready) {
    await(process.name() + " ready", () -> {
      process.checkAlive();
      return ready.getAsBoolean();
    });
  }

  /** Polls a condition every 100 ms until it holds; a bound on start-up, not a performance assertion. */
  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what).atMost(START_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
        .until(condition::getAsBoolean);
  }

  private static boolean httpOk(String url) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(1000);
      try {
        return connection.getResponseCode() == 200;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private boolean apiServerReady() {
    Request request = new Request.Builder().url(server + "/readyz").build();
    try (Response response = apiClient.getHttpClient().newCall(request).execute()) {
      return response.code() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private Path writeKubeconfig(byte[] certificateAuthority) throws IOException {
    String context = "slipway-" + options.name();
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
            certificate-authority-data: %4$s
        users:
        - name: slipway-admin
          user:
            token: %3$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: slipway-admin
        current-context: %1$s
        """.formatted(context, server, adminToken, Base64.getEncoder().encodeToString(certificateAuthority));
    Path file = directory.resolve("kubeconfig");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    // Validate it once, so a malformed kubeconfig fails here rather than in the first test.
    KubeConfig.loadKubeConfig(new StringReader(yaml));
    return file;
  }

  /** A fresh RSA key for signing service-account tokens, in PKCS#8 PEM as kube-apiserver reads it. */
  private static Path writeServiceAccountKey(Path pki) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END PRIVATE KEY-----\n";
      Path file = pki.resolve("service-account.key");
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      return file;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is not available in this JVM", e);
    }
  }

  /**
   * A JVM killed with SIGKILL leaves its folder behind (its processes are stopped by their supervisors): delete the
   * folders whose owner is gone.
   */
  private static void deleteFoldersOfDeadOwners() {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> folders = Files.list(temp)) {
      for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith(FOLDER_PREFIX)).toList()) {
        Path owner = folder.resolve(OWNER_FILE);
        if (!Files.isRegularFile(owner)) {
          continue;
        }
        long pid = Long.parseLong(Files.readString(owner).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        LOG.info("Deleting {}, left by process {} which is gone", folder, pid);
        deleteRecursively(folder);
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warn("Could not clean up control-plane folders in {}: {}", temp, e.getMessage());
    }
  }

  /** Deletes a folder and everything in it; logs rather than fails, as it only cleans up. */
  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", dir, e.getMessage());
    }
  }
}
