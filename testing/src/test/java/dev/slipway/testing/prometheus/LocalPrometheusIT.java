package dev.slipway.testing.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.testing.controlplane.FreePorts;
import dev.slipway.testing.prometheus.LocalPrometheus.QueryResult;
import dev.slipway.testing.prometheus.LocalPrometheus.Sample;
import dev.slipway.testing.prometheus.LocalPrometheus.ScrapeTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) scraping a metrics text served here by the JDK's HTTP server, with one
 * recording rule, plus a second target that refuses connections.
 */
class LocalPrometheusIT {

  private static final String METRICS = """
      # HELP demo_requests_total Requests served.
      # TYPE demo_requests_total counter
      demo_requests_total{path="/a"} 10
      demo_requests_total{path="/b"} 32
      # HELP demo_queue_depth Items waiting.
      # TYPE demo_queue_depth gauge
      demo_queue_depth 7
      """;
  private static final String RULES = """
      groups:
      - name: demo-recording
        rules:
        - record: job:demo_requests:sum
          expr: sum by (job) (demo_requests_total)
      """;
  private static final Duration AWAIT = Duration.ofSeconds(60);

  private static HttpServer metrics;
  private static LocalPrometheus prometheus;
  private static Path rules;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    metrics = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    metrics.createContext("/metrics", exchange -> {
      byte[] body = METRICS.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    metrics.start();
    rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
    // A port nothing listens on: the scrape of this target fails with "connection refused".
    int closedPort = FreePorts.take(1).get(0);
    prometheus = LocalPrometheus.start(List.of(
            new ScrapeTarget("demo", "127.0.0.1:" + metrics.getAddress().getPort(), "/metrics"),
            new ScrapeTarget("gone", "127.0.0.1:" + closedPort, "/metrics")),
        List.of(rules), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (metrics != null) {
      metrics.stop(0);
    }
  }

  @Test
  void scrapesTheTargetAndRecordsTheRule() {
    await("up{job=demo} is 1").atMost(AWAIT).untilAsserted(() ->
        assertThat(values(prometheus.query("up{job=\"demo\"}"))).containsExactly(1.0));
    await("job:demo_requests:sum recorded").atMost(AWAIT).untilAsserted(() -> {
      List<Sample> samples = prometheus.query("job:demo_requests:sum").samples();
      assertThat(samples).hasSize(1);
      assertThat(samples.get(0).labels()).containsEntry("job", "demo")
          .containsEntry("__name__", "job:demo_requests:sum");
      assertThat(samples.get(0).value()).isEqualTo(42.0);
    });
  }

  @Test
  void aVectorCarriesEachSeriesLabels() {
    await("demo_requests_total scraped").atMost(AWAIT).untilAsserted(() -> {
      QueryResult result = prometheus.query("demo_requests_total");
      assertThat(result.resultType()).isEqualTo("vector");
      assertThat(result.samples()).extracting(s -> s.labels().get("path"), Sample::value)
          .containsExactlyInAnyOrder(tuple("/a", 10.0),
              tuple("/b", 32.0));
      assertThat(result.samples().get(0).labels()).containsEntry("instance",
          "127.0.0.1:" + metrics.getAddress().getPort());
    });
  }

  @Test
  void anUnreachableTargetIsDown() {
    await("up{job=gone} is 0").atMost(AWAIT).untilAsserted(() ->
        assertThat(values(prometheus.query("up{job=\"gone\"}"))).containsExactly(0.0));
    await("targets report health").atMost(AWAIT).untilAsserted(() -> {
      List<Map<String, Object>> targets = prometheus.targets();
      assertThat(targets).hasSize(2);
      assertThat(targets).anySatisfy(t -> {
        assertThat(labels(t)).containsEntry("job", "demo");
        assertThat(t).containsEntry("health", "up");
      });
      assertThat(targets).anySatisfy(t -> {
        assertThat(labels(t)).containsEntry("job", "gone");
        assertThat(t).containsEntry("health", "down");
        assertThat((String) t.get("lastError")).contains("connection refused");
      });
    });
  }

  @Test
  void ruleGroupsShowTheRuleAndItsHealth() {
    await("rule evaluated").atMost(AWAIT).untilAsserted(() ->
        assertThat(prometheus.ruleGroupsJson())
            .contains("\"name\":\"demo-recording\"")
            .contains("\"name\":\"job:demo_requests:sum\"")
            .contains("\"health\":\"ok\""));
  }

  @Test
  void aScalarIsOneSampleWithoutLabels() {
    QueryResult result = prometheus.query("scalar(vector(6)) * 7");

    assertThat(result.resultType()).isEqualTo("scalar");
    assertThat(result.samples()).containsExactly(new Sample(Map.of(), 42.0));
  }

  @Test
  void specialValuesAreParsed() {
    assertThat(values(prometheus.query("vector(0) / 0"))).hasSize(1).allMatch(v -> Double.isNaN(v));
    assertThat(values(prometheus.query("vector(1) / 0"))).containsExactly(Double.POSITIVE_INFINITY);
  }

  @Test
  void aBadQueryRaisesPrometheusMessage() {
    assertThatThrownBy(() -> prometheus.query("sum(rate(demo_requests_total[1m])"))
        .isInstanceOf(PrometheusApiException.class)
        .hasMessageContaining("bad_data")
        .hasMessageContaining("unclosed left parenthesis")
        .satisfies(e -> assertThat(((PrometheusApiException) e).errorType()).isEqualTo("bad_data"));
  }

  @Test
  void aRangeVectorIsRefused() {
    assertThatThrownBy(() -> prometheus.query("demo_queue_depth[1m]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matrix");
  }

  @Test
  void aRuleFileThatDoesNotParseFailsTheStartWithTheLog(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), """
        groups:
        - name: broken
          rules:
          - record: broken:sum
            expr: sum(
        """);

    assertThatThrownBy(() -> LocalPrometheus.start(List.of(), List.of(broken), Duration.ofSeconds(1),
        Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broken.yaml");
  }

  private static List<Double> values(QueryResult result) {
    return result.samples().stream().map(Sample::value).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> labels(Map<String, Object> target) {
    return (Map<String, String>) target.get("labels");
  }
}
