package dev.slipway.testing.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * kstatus, the health judgement of Flux, kpt, Helm 4's {@code --wait} and other GitOps tools, as
 * {@code sigs.k8s.io/cli-utils/pkg/kstatus/status.Compute}: {@code hack/kstatus} is a tiny Go program around it,
 * built by {@code hack/kstatus/build.sh} into the user's cache on first use ({@code SLIPWAY_KSTATUS} points at
 * another build). Stateless and thread-safe.
 */
public final class Kstatus {

  /**
   * kstatus's verdict on one object.
   *
   * @param kind the object's kind
   * @param name the object's name
   * @param status {@code InProgress}, {@code Failed}, {@code Current}, {@code Terminating}, {@code NotFound} or
   *     {@code Unknown}
   * @param message kstatus's explanation, often the message of the deciding condition
   */
  public record Result(String kind, String name, String status, String message) {
  }

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Kstatus located;

  private final Path binary;

  private Kstatus(Path binary) {
    this.binary = binary;
  }

  /** Builds slipway-kstatus on the first call of the JVM if the cache lacks it (seconds), then reuses it. */
  public static synchronized Kstatus locate() {
    if (located == null) {
      Path binary = ToolScript.lastLine("hack/kstatus/build.sh", BUILD_TIMEOUT);
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException("hack/kstatus/build.sh printed " + binary + ", which is not executable");
      }
      located = new Kstatus(binary);
    }
    return located;
  }

  public Path binary() {
    return binary;
  }

  /**
   * Computes the status of each object, in input order.
   *
   * @param objectsJson a JSON array of Kubernetes objects (also accepted: one object, a {@code List}, YAML documents)
   *     as the API server returns them
   * @throws IllegalStateException when the input does not parse or kstatus rejects an object (e.g. malformed
   *     conditions), with kstatus's message
   */
  public List<Result> compute(String objectsJson) {
    ToolResult run = ToolCommand.run(List.of(binary.toString()), null, environment -> { }, objectsJson,
        RUN_TIMEOUT);
    if (!run.succeeded()) {
      throw new IllegalStateException("kstatus failed: " + run.stderr().strip());
    }
    List<Result> results = new ArrayList<>();
    for (String line : run.stdout().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        results.add(new Result(node.path("kind").asText(), node.path("name").asText(), node.path("status").asText(),
            node.path("message").asText()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("slipway-kstatus printed a line that is not JSON: " + line, e);
      }
    }
    return List.copyOf(results);
  }
}
