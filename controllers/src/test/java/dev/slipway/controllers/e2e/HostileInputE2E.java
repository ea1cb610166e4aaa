package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.slipway.controllers.e2e.HostileManifests.Hostile;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile input: seeded, mutated and random {@code Cluster}, {@code Nodepool}, {@code MachinePool} and
 * {@code ClusterAdditionalConfig} manifests ({@link HostileManifests}) sent to the real API server as
 * {@code kubectl apply} sends them (a create with {@code fieldValidation=Strict}, nulls kept in the JSON).
 *
 * <p>Phase A (admission): each manifest is either rejected with a 4xx whose message names a field a mutation hit (the
 * path or its last segment), or accepted. Phase B (reconcile): the controllers (a child JVM with only the {@code sim}
 * provider; accepted Clusters of other providers are deleted before they start) reconcile every accepted object,
 * with Nodepools, MachinePools and ClusterAdditionalConfigs pointing at two sim Clusters; the controllers must stay
 * alive, every object must get a {@code Ready} condition, no condition may quote an API server refusing what the
 * controllers wrote (HTTP 400/413/422: admission let through a spec that cannot work), no exception other than a 409
 * conflict may escape a reconcile, and deleting everything must leave no object and no simulated-cloud state behind.
 * Before deleting, each reconciled object gets one hostile edit ({@link #updateEverything}). Every breach is a
 * finding; each phase fails with its list. A table of figures is logged at the end.
 *
 * <p>The seed is logged; rerun one with {@code -Dslipway.hostile.seed=<seed>} ({@code random} draws a fresh one).
 * The default instance (CI) tries {@value #DEFAULT_COUNT} manifests with a fixed seed. A full run:
 *
 * <pre>
 * ./mvnw -o -B -pl controllers verify -Dit.test=HostileInputE2E -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dslipway.hostile.count=3000 -Dslipway.hostile.seed=random
 * </pre>
 */
@LocalKubernetes(workloads = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputE2E {

  private static final Logger LOG = LoggerFactory.getLogger(HostileInputE2E.class);
  static final int DEFAULT_COUNT = 60;
  private static final long DEFAULT_SEED = 20261122L;
  private static final List<String> ANCHORS = List.of("anchor-a", "anchor-b");
  private static final List<String> PLURALS = List.of("clusters", "nodepools", "machinepools",
      "clusteradditionalconfigs", "azureroleassignments", "azureclusterautoscalers");
  private static final Gson JSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
  private static final Pattern ESCAPED = Pattern.compile(
      "Reconcile of (\\S+) failed; requeued with backoff: (.*)$");

  private static final Pattern REJECTED_WRITE = Pattern.compile("HTTP (400|413|422)\\b");

  private final long seed = seed();
  private final int count = Integer.getInteger("slipway.hostile.count", DEFAULT_COUNT);
  private final Map<String, List<String>> findings = new TreeMap<>();
  private final Map<String, Integer> rejectedByMutation = new TreeMap<>();
  private final Map<String, Integer> acceptedByMutation = new TreeMap<>();
  private final Map<String, Integer> readyReasons = new TreeMap<>();
  private final Map<String, Integer> errorLines = new TreeMap<>();
  private final List<Hostile> accepted = new ArrayList<>();
  private int tried;
  private int rejected;
  private int reconciled;
  private int skippedNonSim;
  private int acceptedHostile;
  private int basesAccepted;
  private int updatesTried;
  private int updatesRejected;
  private int updatesAccepted;
  private int updateConflicts;
  private LocalControlPlane controlPlane;
  private ApiClient client;
  private String namespace;
  private ControllerProcess controllers;
  private Path controllersLog;
  private Duration phaseATime = Duration.ZERO;
  private Duration phaseBTime = Duration.ZERO;

  private static long seed() {
    String value = System.getProperty("slipway.hostile.seed");
    if (value == null || value.isBlank()) {
      return DEFAULT_SEED;
    }
    return "random".equals(value) ? new SplittableRandom().nextLong() : Long.parseLong(value);
  }

  @BeforeAll
  void start(LocalControlPlane controlPlane, TestNamespace namespace) {
    this.controlPlane = controlPlane;
    this.client = controlPlane.apiClient();
    this.namespace = namespace.name();
    LOG.info("Hostile input: seed {} (-Dslipway.hostile.seed={}), {} manifests, namespace {}", seed, seed, count,
        this.namespace);
  }

  @AfterAll
  void stop() {
    if (controllers != null) {
      controllers.close();
    }
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%nHostile input, seed %d%n", seed));
    row(table, "tried", tried);
    row(table, "rejected at admission", rejected);
    row(table, "accepted", acceptedHostile);
    row(table, "valid bases accepted (also reconciled)", basesAccepted);
    row(table, "accepted non-sim Clusters, deleted unreconciled", skippedNonSim);
    row(table, "reconciled (Ready condition set)", reconciled);
    row(table, "hostile edits of reconciled objects", updatesTried);
    row(table, "  rejected at admission", updatesRejected);
    row(table, "  accepted and reconciled again", updatesAccepted);
    row(table, "  conflicts (the controllers wrote first)", updateConflicts);
    row(table, "phase A seconds", (int) phaseATime.toSeconds());
    row(table, "phase B seconds", (int) phaseBTime.toSeconds());
    table.append("rejected by mutation kind:\n");
    rejectedByMutation.forEach((kind, n) -> row(table, "  " + kind, n));
    table.append("accepted by mutation kind:\n");
    acceptedByMutation.forEach((kind, n) -> row(table, "  " + kind, n));
    table.append("Ready reasons after reconcile:\n");
    readyReasons.forEach((reason, n) -> row(table, "  " + reason, n));
    table.append("findings by kind:\n");
    if (findings.isEmpty()) {
      row(table, "  (none)", 0);
    }
    findings.forEach((kind, list) -> row(table, "  " + kind, list.size()));
    table.append("ERROR lines in the controllers' log outside reconciles (not failing):\n");
    errorLines.forEach((line, n) -> table.append(String.format(Locale.ROOT, "  %4dx %s%n", n, line)));
    findings.forEach((kind, list) -> list.forEach(f -> table.append("  ").append(kind).append(": ").append(f)
        .append('\n')));
    LOG.info("{}", table);
  }

  private static void row(StringBuilder table, String label, int value) {
    table.append(String.format(Locale.ROOT, "  %-42s %8d%n", label, value));
  }

  @Test
  @Order(1)
  void everyManifestIsRejectedNamingTheFieldOrAccepted() {
    long started = System.nanoTime();
    HostileManifests generator = new HostileManifests(seed, ANCHORS);
    for (String anchor : ANCHORS) {
      Map<String, Object> cluster = HostileManifests.copy(generator.bases().get(0).manifest());
      cluster.put("metadata", new LinkedHashMap<>(Map.of("name", anchor)));
      Outcome outcome = send(cluster);
      assertThat(outcome.code()).as("anchor cluster %s: %s", anchor, outcome.message()).isEqualTo(201);
    }
    for (Hostile base : generator.bases()) {
      Outcome outcome = send(base.manifest());
      if (outcome.code() != 201) {
        finding("base-rejected", base.base() + ": HTTP " + outcome.code() + " " + outcome.message());
      } else {
        basesAccepted++;
        keep(base);
      }
    }
    for (int i = 0; i < count; i++) {
      Hostile hostile = generator.next(i);
      tried++;
      Outcome outcome = send(hostile.manifest());
      if (outcome.code() >= 200 && outcome.code() < 300) {
        acceptedHostile++;
        hostile.mutations().forEach(m -> acceptedByMutation.merge(m.kind(), 1, Integer::sum));
        keep(hostile);
        continue;
      }
      rejected++;
      hostile.mutations().forEach(m -> rejectedByMutation.merge(m.kind(), 1, Integer::sum));
      String message = outcome.message();
      if (outcome.code() < 400 || outcome.code() >= 500) {
        finding("admission-not-4xx", describe(hostile) + " -> HTTP " + outcome.code() + " " + message);
      } else if (hostile.mutations().stream().flatMap(m -> m.names().stream()).noneMatch(message::contains)) {
        finding("rejection-not-naming-field", describe(hostile) + " -> HTTP " + outcome.code() + " " + message);
      }
    }
    phaseATime = Duration.ofNanos(System.nanoTime() - started);
    LOG.info("Phase A: {} tried, {} rejected, {} accepted in {}s", tried, rejected, tried - rejected,
        phaseATime.toSeconds());
    assertThat(findingsOf("base-rejected", "admission-not-4xx", "rejection-not-naming-field"))
        .as("admission findings (seed %d)", seed).isEmpty();
  }

  @Test
  @Order(2)
  void acceptedObjectsAreReconciledAndDeletedCleanly() throws ApiException {
    long started = System.nanoTime();
    Map<String, String> properties = new LinkedHashMap<>(Map.of(
        "slipway.providers.aws.enabled", "false",
        "slipway.providers.azure.enabled", "false"));
    // Realistic takes minutes per operation; an accepted Cluster may ask for it.
    for (String range : List.of("control-plane-create", "control-plane-upgrade", "control-plane-delete",
        "vm-provision", "node-ready", "scale-per-node", "pool-update", "pool-delete")) {
      properties.put("slipway.providers.sim.latency.Realistic." + range + ".min", "0s");
      properties.put("slipway.providers.sim.latency.Realistic." + range + ".max", "1s");
    }
    SlipwayFixture fixture = new SlipwayFixture(controlPlane, namespace);
    controllers = fixture.startControllers("controllers-hostile", properties);
    controllersLog = controlPlane.directory().resolve("controllers-hostile.log");

    List<Ref> objects = new ArrayList<>();
    ANCHORS.forEach(a -> objects.add(new Ref("clusters", a, "anchor")));
    accepted.forEach(h -> objects.add(new Ref(plural(h.kind()), h.name(), describe(h))));
    // Measured: ~320 objects get their Ready condition in ~20 s and are deleted in ~30 s on 2 cores.
    Duration bound = Duration.ofSeconds(60 + objects.size() / 4);
    Map<Ref, Map<String, Object>> pending = new LinkedHashMap<>();
    try {
      await().atMost(bound).pollInterval(Duration.ofSeconds(1))
          .until(() -> {
            if (!controllers.isAlive()) {
              return true;
            }
            pending.clear();
            for (Ref ref : objects) {
              Map<String, Object> object = get(ref);
              if (object != null && readyCondition(object) == null) {
                pending.put(ref, object);
              }
            }
            return pending.isEmpty();
          });
    } catch (ConditionTimeoutException e) {
      pending.forEach((ref, object) -> finding("no-ready-condition", ref + " status " + object.get("status")));
    }
    if (!controllers.isAlive()) {
      finding("controllers-died", controllers.logTail(60));
    }
    for (Ref ref : objects) {
      Map<String, Object> object = get(ref);
      Map<String, Object> ready = object == null ? null : readyCondition(object);
      if (ready != null) {
        rejectedWrites(ref, object);
        if (!ref.origin().equals("anchor")) {
          reconciled++;
        }
        readyReasons.merge(ref.plural() + " " + ready.get("status") + "/" + ready.get("reason"), 1, Integer::sum);
      }
    }

    updateEverything(objects, bound);

    deleteEverything();
    List<String> left = new ArrayList<>();
    try {
      await().atMost(bound).pollInterval(Duration.ofSeconds(1))
          .until(() -> {
            left.clear();
            left.addAll(remaining());
            left.addAll(cloudState());
            return left.isEmpty();
          });
    } catch (ConditionTimeoutException e) {
      left.forEach(thing -> finding(thing.startsWith("cloud ") ? "orphaned-cloud-state" : "not-deleted", thing));
    }
    if (!controllers.isAlive()) {
      finding("controllers-died", controllers.logTail(60));
    }
    scanLog();
    phaseBTime = Duration.ofNanos(System.nanoTime() - started);
    assertThat(findingsOf("no-ready-condition", "controllers-died", "not-deleted", "orphaned-cloud-state",
        "reconcile-exception", "condition-reports-rejected-write", "update-not-4xx",
        "update-rejection-not-naming-field", "update-not-reconciled")).as("reconcile findings (seed %d)", seed).isEmpty();
  }

  /**
   * Phase B, second half: every reconciled object gets one hostile edit while the controllers run (a replace with
   * strict field validation). A refused edit must name the field or one of its parents (an immutability rule names the
   * immutable parent, e.g. {@code spec.template}); an accepted one must be reconciled again (a condition observing
   * the new generation) with no condition quoting a refused write. A 409 (the controllers wrote first) is counted.
   */
  private void updateEverything(List<Ref> objects, Duration bound) throws ApiException {
    HostileManifests edits = new HostileManifests(seed ^ 0x5EEDL, ANCHORS);
    Map<Ref, Long> edited = new LinkedHashMap<>();
    int index = 0;
    for (Ref ref : objects) {
      Map<String, Object> stored = getRaw(ref);
      if (stored == null || ref.origin().equals("anchor")) {
        continue;
      }
      Hostile edit = edits.update(index++, stored);
      updatesTried++;
      Outcome outcome = replace(ref, edit.manifest());
      if (outcome.code() >= 200 && outcome.code() < 300) {
        updatesAccepted++;
        edited.put(ref, outcome.generation());
      } else if (outcome.code() == 409) {
        updateConflicts++;
      } else if (outcome.code() < 400 || outcome.code() >= 500) {
        finding("update-not-4xx", describe(edit) + " -> HTTP " + outcome.code() + " " + outcome.message());
      } else {
        updatesRejected++;
        if (edit.mutations().stream().flatMap(m -> namesWithParents(m).stream())
            .noneMatch(outcome.message()::contains)) {
          finding("update-rejection-not-naming-field", describe(edit) + " -> HTTP " + outcome.code() + " "
              + outcome.message());
        }
      }
    }
    Map<Ref, String> stale = new LinkedHashMap<>();
    try {
      await().atMost(bound).pollInterval(Duration.ofSeconds(1)).until(() -> {
        if (!controllers.isAlive()) {
          return true;
        }
        stale.clear();
        for (Map.Entry<Ref, Long> entry : edited.entrySet()) {
          Map<String, Object> object = get(entry.getKey());
          if (object != null && !observed(object, entry.getValue())) {
            stale.put(entry.getKey(), String.valueOf(object.get("status")));
          }
        }
        return stale.isEmpty();
      });
    } catch (ConditionTimeoutException e) {
      stale.forEach((ref, status) -> finding("update-not-reconciled", ref + " status " + status));
    }
    if (!controllers.isAlive()) {
      finding("controllers-died", controllers.logTail(60));
    }
    for (Ref ref : edited.keySet()) {
      Map<String, Object> object = get(ref);
      if (object != null && readyCondition(object) != null) {
        rejectedWrites(ref, object);
      }
    }
    LOG.info("Updates: {} tried, {} rejected, {} accepted, {} conflicts", updatesTried, updatesRejected,
        updatesAccepted, updateConflicts);
  }

  /** The mutation's names plus each parent path of at least two segments ({@code spec.template}). */
  private static List<String> namesWithParents(HostileManifests.Mutation mutation) {
    List<String> names = new ArrayList<>(mutation.names());
    String path = mutation.path().replaceAll("\\[[^\\]]*]", "");
    for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
      String parent = path.substring(0, dot);
      if (parent.contains(".")) {
        names.add(parent);
      }
    }
    return names;
  }

  /** Whether some condition of the object was written for {@code generation} or later. */
  @SuppressWarnings("unchecked")
  private static boolean observed(Map<String, Object> object, long generation) {
    if (!(object.get("status") instanceof Map<?, ?> status)
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream().map(c -> ((Map<String, Object>) c).get("observedGeneration"))
        .anyMatch(g -> g instanceof Number n && n.longValue() >= generation);
  }

  /**
   * A condition quoting a 4xx from an API server: the controllers wrote something (a Node's labels or taints, say)
   * that Kubernetes refuses, so admission let through a spec that cannot work, and the condition does not name the
   * field.
   */
  @SuppressWarnings("unchecked")
  private void rejectedWrites(Ref ref, Map<String, Object> object) {
    for (Object condition : (List<Object>) ((Map<String, Object>) object.get("status")).get("conditions")) {
      String message = String.valueOf(((Map<String, Object>) condition).get("message"));
      if (REJECTED_WRITE.matcher(message).find()) {
        finding("condition-reports-rejected-write", ref + " " + ((Map<String, Object>) condition).get("type") + "/"
            + ((Map<String, Object>) condition).get("reason") + ": " + message);
      }
    }
  }

  /** A kept object: accepted Clusters of other providers are deleted at once (no real cloud here). */
  @SuppressWarnings("unchecked")
  private void keep(Hostile hostile) {
    Map<String, Object> spec = (Map<String, Object>) hostile.manifest().get("spec");
    if ("Cluster".equals(hostile.kind()) && !"sim".equals(spec.get("provider"))) {
      skippedNonSim++;
      try {
        new CustomObjectsApi(client).deleteNamespacedCustomObject("slipway.dev", "v1alpha1", namespace, "clusters",
            hostile.name()).execute();
      } catch (ApiException e) {
        throw new IllegalStateException("delete non-sim cluster " + hostile.name() + ": " + e.getResponseBody(), e);
      }
      return;
    }
    accepted.add(hostile);
  }

  private void deleteEverything() throws ApiException {
    CustomObjectsApi api = new CustomObjectsApi(client);
    for (String plural : PLURALS) {
      for (String name : names(plural)) {
        try {
          api.deleteNamespacedCustomObject("slipway.dev", "v1alpha1", namespace, plural, name).execute();
        } catch (ApiException e) {
          if (e.getCode() != 404) {
            throw e;
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> names(String plural) throws ApiException {
    Map<String, Object> list = (Map<String, Object>) new CustomObjectsApi(client)
        .listNamespacedCustomObject("slipway.dev", "v1alpha1", namespace, plural).execute();
    List<String> names = new ArrayList<>();
    for (Map<String, Object> item : (List<Map<String, Object>>) list.get("items")) {
      names.add((String) ((Map<String, Object>) item.get("metadata")).get("name"));
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private List<String> remaining() throws ApiException {
    List<String> left = new ArrayList<>();
    for (String plural : PLURALS) {
      Map<String, Object> list = (Map<String, Object>) new CustomObjectsApi(client)
          .listNamespacedCustomObject("slipway.dev", "v1alpha1", namespace, plural).execute();
      for (Map<String, Object> item : (List<Map<String, Object>>) list.get("items")) {
        Map<String, Object> metadata = (Map<String, Object>) item.get("metadata");
        Map<String, Object> ready = readyCondition(item);
        left.add(plural + "/" + metadata.get("name") + " finalizers=" + metadata.get("finalizers") + " ready="
            + (ready == null ? null : ready.get("reason") + ": " + ready.get("message")));
      }
    }
    return left;
  }

  private List<String> cloudState() throws ApiException {
    List<String> left = new ArrayList<>();
    List<V1ConfigMap> maps;
    try {
      maps = new CoreV1Api(client).listNamespacedConfigMap(SlipwayFixture.SIM_CLOUD_NAMESPACE).execute().getItems();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return left;
      }
      throw e;
    }
    for (V1ConfigMap map : maps) {
      if (map.getMetadata().getName().startsWith(namespace + ".")) {
        left.add("cloud " + map.getMetadata().getName() + ": " + map.getData());
      }
    }
    return left;
  }

  /** Exceptions that escaped a reconcile (other than 409, which the reconciler logs at DEBUG) and ERROR lines. */
  private void scanLog() {
    List<String> lines;
    try {
      lines = Files.readAllLines(controllersLog, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("read " + controllersLog, e);
    }
    try {
      Path copy = Path.of("target", "hostile-input", "controllers-" + seed + ".log");
      Files.createDirectories(copy.getParent());
      Files.write(copy, lines, StandardCharsets.UTF_8);
      LOG.info("Controllers' log: {}", copy.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("keep the controllers' log", e);
    }
    Map<String, List<String>> escaped = new TreeMap<>();
    for (String line : lines) {
      Matcher matcher = ESCAPED.matcher(line);
      if (matcher.find()) {
        String what = matcher.group(2);
        String key = what.length() > 300 ? what.substring(0, 300) + "..." : what;
        escaped.computeIfAbsent(key, k -> new ArrayList<>()).add(matcher.group(1));
      } else if (line.contains(" ERROR ")) {
        // anything at ERROR outside a reconcile (client-java's informer-stop noise is filtered out by the controllers)
        String text = line.replaceFirst("^\\S+\\s+ERROR .*? --- ", "");
        errorLines.merge(text.length() > 200 ? text.substring(0, 200) : text, 1, Integer::sum);
      }
    }
    escaped.forEach((what, objects) -> finding("reconcile-exception",
        what + " (" + objects.size() + "x, e.g. " + new java.util.TreeSet<>(objects).stream().limit(5).toList() + ")"));
  }

  // --- talking to the API server ---

  private record Outcome(int code, String message, long generation) {

    Outcome(int code, String message) {
      this(code, message, 0);
    }
  }

  private record Ref(String plural, String name, String origin) {

    @Override
    public String toString() {
      return plural + "/" + name + " [" + origin + "]";
    }
  }

  /** A create with strict field validation and the JSON exactly as built (nulls included), as kubectl sends it. */
  private Outcome send(Map<String, Object> object) {
    String path = "/apis/slipway.dev/v1alpha1/namespaces/" + namespace + "/" + plural((String) object.get("kind"));
    byte[] body = JSON.toJson(object).getBytes(StandardCharsets.UTF_8);
    try {
      okhttp3.Call call = client.buildCall(null, path, "POST", List.of(new Pair("fieldValidation", "Strict")),
          List.of(), body, new LinkedHashMap<>(Map.of("Content-Type", "application/json", "Accept",
              "application/json")), Map.of(), Map.of(), new String[] {"BearerToken"}, null);
      return new Outcome(client.execute(call).getStatusCode(), "");
    } catch (ApiException e) {
      return new Outcome(e.getCode(), message(e));
    }
  }

  /** A replace with strict field validation; the outcome carries the stored generation when it succeeds. */
  private Outcome replace(Ref ref, Map<String, Object> object) {
    String path = "/apis/slipway.dev/v1alpha1/namespaces/" + namespace + "/" + ref.plural() + "/" + ref.name();
    byte[] body = JSON.toJson(object).getBytes(StandardCharsets.UTF_8);
    try {
      okhttp3.Call call = client.buildCall(null, path, "PUT", List.of(new Pair("fieldValidation", "Strict")),
          List.of(), body, new LinkedHashMap<>(Map.of("Content-Type", "application/json", "Accept",
              "application/json")), Map.of(), Map.of(), new String[] {"BearerToken"}, null);
      try (okhttp3.Response response = call.execute()) {
        String text = response.body() == null ? "" : response.body().string();
        if (!response.isSuccessful()) {
          JsonElement json = JsonParser.parseString(text);
          String message = json.isJsonObject() && json.getAsJsonObject().has("message")
              ? json.getAsJsonObject().get("message").getAsString() : text;
          return new Outcome(response.code(), message);
        }
        long generation = JsonParser.parseString(text).getAsJsonObject().getAsJsonObject("metadata")
            .get("generation").getAsLong();
        return new Outcome(response.code(), "", generation);
      }
    } catch (ApiException e) {
      return new Outcome(e.getCode(), message(e));
    } catch (IOException e) {
      throw new UncheckedIOException("replace " + ref, e);
    }
  }

  /**
   * An object as stored, parsed so that integers stay integers (client-java's Gson would turn them into doubles,
   * which the API server refuses for integer fields on the way back); null when it is gone.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> getRaw(Ref ref) throws ApiException {
    String path = "/apis/slipway.dev/v1alpha1/namespaces/" + namespace + "/" + ref.plural() + "/" + ref.name();
    okhttp3.Call call = client.buildCall(null, path, "GET", List.of(), List.of(), null,
        new LinkedHashMap<>(Map.of("Accept", "application/json")), Map.of(), Map.of(), new String[] {"BearerToken"},
        null);
    try (okhttp3.Response response = call.execute()) {
      if (response.code() == 404) {
        return null;
      }
      String text = response.body() == null ? "" : response.body().string();
      if (!response.isSuccessful()) {
        throw new ApiException(response.code(), text);
      }
      return (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(text);
    } catch (IOException e) {
      throw new UncheckedIOException("get " + ref, e);
    }
  }

  private static String message(ApiException e) {
    String body = e.getResponseBody();
    if (body == null) {
      return String.valueOf(e.getMessage());
    }
    try {
      JsonElement json = JsonParser.parseString(body);
      if (json.isJsonObject() && json.getAsJsonObject().has("message")) {
        return json.getAsJsonObject().get("message").getAsString();
      }
    } catch (RuntimeException notJson) {
      return body;
    }
    return body;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> get(Ref ref) throws ApiException {
    try {
      return (Map<String, Object>) new CustomObjectsApi(client)
          .getNamespacedCustomObject("slipway.dev", "v1alpha1", namespace, ref.plural(), ref.name()).execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readyCondition(Map<String, Object> object) {
    if (!(object.get("status") instanceof Map<?, ?> status)
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return null;
    }
    for (Object condition : conditions) {
      Map<String, Object> c = (Map<String, Object>) condition;
      if ("Ready".equals(c.get("type"))) {
        return c;
      }
    }
    return null;
  }

  private static String plural(String kind) {
    return kind.toLowerCase(Locale.ROOT) + "s";
  }

  private void finding(String kind, String text) {
    findings.computeIfAbsent(kind, k -> new ArrayList<>()).add(text);
  }

  private List<String> findingsOf(String... kinds) {
    List<String> all = new ArrayList<>();
    for (String kind : kinds) {
      findings.getOrDefault(kind, Collections.emptyList()).forEach(f -> all.add(kind + ": " + f));
    }
    return all;
  }

  /** The manifest (strings cut to 80 characters) and its mutations, to reproduce a finding. */
  private static String describe(Hostile hostile) {
    String json = JSON.toJson(hostile.manifest());
    json = json.replaceAll("\"([^\"]{80})[^\"]{20,}\"", "\"$1...\"");
    return "#" + hostile.index() + " " + hostile.base() + " " + hostile.mutations() + " " + json;
  }
}
