package dev.slipway.testing.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testing.controlplane.ControlPlaneBinaries;
import dev.slipway.testing.controlplane.FreePorts;
import dev.slipway.testing.controlplane.SupervisedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A real Prometheus server (Debian's package, see {@link PrometheusBinaries}) on a free loopback port, with its
 * configuration, data and log in a temp folder that {@link #close()} deletes. It scrapes the given targets over plain
 * HTTP and evaluates the given rule files; tests read the result through the HTTP API ({@link #query(String)},
 * {@link #targets()}, {@link #ruleGroupsJson()}). The process is supervised ({@code slipway-supervise}) so that it dies
 * with the JVM even on SIGKILL. Query methods are thread-safe.
 */
public final class LocalPrometheus implements AutoCloseable {

  /**
   * One scrape job with one static target.
   *
   * @param job the job name; Prometheus puts it in the {@code job} label of every scraped series
   * @param hostPort e.g. {@code 127.0.0.1:8080}
   * @param metricsPath e.g. {@code /metrics} or {@code /actuator/prometheus}
   */
  public record ScrapeTarget(String job, String hostPort, String metricsPath) {
  }

  /**
   * One series of an instant query's answer.
   *
   * @param labels its labels (including {@code __name__} for a plain selector); empty for a scalar
   * @param value the sample value; NaN and the infinities as Prometheus reports them
   */
  public record Sample(Map<String, String> labels, double value) {
  }

  /**
   * An instant query's answer.
   *
   * @param resultType {@code vector} or {@code scalar}
   * @param samples one per series of a vector (empty when nothing matched); exactly one for a scalar
   */
  public record QueryResult(String resultType, List<Sample> samples) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(LocalPrometheus.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int START_ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SupervisedProcess process;
  private final Path directory;
  private final URI baseUri;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalPrometheus(SupervisedProcess process, Path directory, URI baseUri) {
    this.process = process;
    this.directory = directory;
    this.baseUri = baseUri;
  }

  /**
   * Writes {@code prometheus.yml}, starts Prometheus and waits until it reports ready ({@code /-/ready}: the
   * configuration and every rule file loaded). A rule file that does not parse makes this fail with Prometheus' log.
   *
   * @param ruleFiles rule files as Prometheus reads them ({@code groups:} at the top); referenced, not copied
   */
  public static LocalPrometheus start(List<ScrapeTarget> targets, List<Path> ruleFiles, Duration scrapeInterval,
      Duration evaluationInterval) {
    PrometheusBinaries binaries = PrometheusBinaries.resolve();
    ControlPlaneBinaries supervisor = ControlPlaneBinaries.resolve();
    Path directory;
    try {
      directory = Files.createTempDirectory("slipway-prometheus-");
      Files.writeString(directory.resolve("prometheus.yml"),
          configuration(targets, ruleFiles, scrapeInterval, evaluationInterval), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Prometheus configuration", e);
    }
    IllegalStateException lastFailure = null;
    // Note: the free port is released before Prometheus binds it; another process can take it in between, which
    // shows as "address already in use" and is answered with a new port.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = FreePorts.take(1).get(0);
      URI baseUri = URI.create("http://127.0.0.1:" + port + "/");
      SupervisedProcess process = launch(binaries, supervisor, directory, port, attempt);
      LocalPrometheus prometheus = new LocalPrometheus(process, directory, baseUri);
      try {
        prometheus.awaitReady();
        LOG.info("Prometheus ready at {} ({} targets, {} rule files, data in {})", baseUri, targets.size(),
            ruleFiles.size(), directory);
        return prometheus;
      } catch (IllegalStateException e) {
        process.stop();
        lastFailure = e;
        if (!process.logTail(40).contains("address already in use")) {
          break;
        }
        LOG.info("port {} was taken before Prometheus bound it; retrying with another", port);
      }
    }
    deleteTree(directory);
    throw lastFailure;
  }

  /** The server's root, e.g. {@code http://127.0.0.1:41234/}. */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * Evaluates {@code promql} at the current time ({@code GET /api/v1/query}).
   *
   * @throws PrometheusApiException with Prometheus' message when the query does not parse or fails to evaluate
   * @throws IllegalArgumentException when the answer is a range vector or a string (not a vector or scalar)
   */
  public QueryResult query(String promql) {
    JsonNode data = get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    String resultType = data.path("resultType").asText();
    JsonNode result = data.path("result");
    List<Sample> samples = new ArrayList<>();
    switch (resultType) {
      case "vector":
        for (JsonNode series : result) {
          Map<String, String> labels = new LinkedHashMap<>();
          series.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
          samples.add(new Sample(Map.copyOf(labels), sampleValue(series.path("value"))));
        }
        break;
      case "scalar":
        samples.add(new Sample(Map.of(), sampleValue(result)));
        break;
      default:
        throw new IllegalArgumentException("query " + promql + " returned a " + resultType
            + "; only instant vectors and scalars are supported");
    }
    return new QueryResult(resultType, List.copyOf(samples));
  }

  /**
   * The active scrape targets ({@code GET /api/v1/targets?state=active}, {@code data.activeTargets}), each as
   * Prometheus reports it: {@code labels}, {@code scrapeUrl}, {@code health} ({@code up}, {@code down},
   * {@code unknown} before the first scrape), {@code lastError}, ...
   */
  public List<Map<String, Object>> targets() {
    JsonNode targets = get("api/v1/targets?state=active").path("activeTargets");
    return JSON.convertValue(targets, new TypeReference<List<Map<String, Object>>>() { });
  }

  /**
   * The rule groups with each rule's state ({@code GET /api/v1/rules}, the {@code data.groups} array as JSON): name,
   * file, and per rule its query, {@code health} ({@code ok}, {@code err}, {@code unknown}), {@code lastError} and, for
   * alerts, {@code state} and active alerts.
   */
  public String ruleGroupsJson() {
    try {
      return JSON.writeValueAsString(get("api/v1/rules").path("groups"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the rule groups", e);
    }
  }

  /** The last lines of Prometheus' log, for failure messages. */
  public String logTail(int lines) {
    return process.logTail(lines);
  }

  /** Stops Prometheus (SIGTERM, then SIGKILL) and deletes its folder. */
  @Override
  public void close() {
    process.stop();
    deleteTree(directory);
  }

  private static SupervisedProcess launch(PrometheusBinaries binaries, ControlPlaneBinaries supervisor,
      Path directory, int port, int attempt) {
    try {
      return SupervisedProcess.start(supervisor, "prometheus-" + attempt, directory, binaries.prometheus(),
          Map.of(), List.of(
              "--config.file=" + directory.resolve("prometheus.yml"),
              "--storage.tsdb.path=" + directory.resolve("data"),
              "--web.listen-address=127.0.0.1:" + port,
              // Nothing here is kept beyond the test: no point in the default 15 days.
              "--storage.tsdb.retention.time=1d",
              "--log.level=info"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binaries.prometheus(), e);
    }
  }

  private void awaitReady() {
    try {
      Awaitility.await("Prometheus ready at " + baseUri).atMost(START_TIMEOUT).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> {
            process.checkAlive();
            return status("-/ready") == 200;
          });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("Prometheus did not become ready within " + START_TIMEOUT + "; log:\n"
          + process.logTail(40), e);
    }
  }

  private int status(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** GETs an API path and returns its {@code data}, or throws with Prometheus' error. */
  private JsonNode get(String pathAndQuery) {
    URI uri = baseUri.resolve(pathAndQuery);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + " failed; Prometheus log:\n" + process.logTail(20), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + uri, e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new PrometheusApiException("GET " + uri, response.statusCode(), "invalid_json", response.body());
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new PrometheusApiException("GET " + uri, response.statusCode(), body.path("errorType").asText(),
          body.path("error").asText());
    }
    return body.path("data");
  }

  /** A {@code [unixTime, "value"]} pair; Prometheus writes the special values as NaN, +Inf and -Inf. */
  private static double sampleValue(JsonNode pair) {
    String value = pair.path(1).asText();
    switch (value) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(value);
    }
  }

  static String configuration(List<ScrapeTarget> targets, List<Path> ruleFiles, Duration scrapeInterval,
      Duration evaluationInterval) {
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("scrape_interval", duration(scrapeInterval));
    global.put("evaluation_interval", duration(evaluationInterval));
    // A scrape may not take longer than the interval, and Prometheus refuses a timeout above it.
    global.put("scrape_timeout", duration(scrapeInterval));
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (ScrapeTarget target : targets) {
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("job_name", target.job());
      job.put("metrics_path", target.metricsPath());
      job.put("scheme", "http");
      job.put("static_configs", List.of(Map.of("targets", List.of(target.hostPort()))));
      jobs.add(job);
    }
    List<String> rules = new ArrayList<>();
    for (Path file : ruleFiles) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("rule file " + file + " does not exist");
      }
      rules.add(file.toAbsolutePath().toString());
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("global", global);
    config.put("rule_files", rules);
    config.put("scrape_configs", jobs);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(config);
  }

  /** Prometheus durations accept milliseconds: {@code 1500ms}. */
  private static String duration(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + duration);
    }
    return duration.toMillis() + "ms";
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", root, e.getMessage());
    }
  }
}
