package dev.slipway.testing.moto;

import dev.slipway.testing.controlplane.ControlPlaneBinaries;
import dev.slipway.testing.controlplane.FreePorts;
import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.controlplane.SupervisedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A moto server (the AWS emulator, pinned in {@code hack/moto/requirements.txt}) on a free loopback port, started
 * through {@code hack/moto/slipway_moto.py} (moto plus Slipway's extensions) and supervised so that it dies with the
 * JVM. Point the AWS SDK at {@link #endpoint()} with any static credentials.
 */
public final class MotoServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);

  private final SupervisedProcess process;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MotoServer(SupervisedProcess process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Installs moto if needed (about a minute the first time), starts it and waits until it answers. */
  public static MotoServer start(Path logDir) {
    Path python = python();
    int port = FreePorts.take(1).get(0);
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try {
      Files.createDirectories(logDir);
      SupervisedProcess process = SupervisedProcess.start(ControlPlaneBinaries.resolve(), "moto-" + port, logDir,
          python, Map.of(), List.of(ProjectLayout.root().resolve("hack/moto/slipway_moto.py").toString(),
              "-H", "127.0.0.1", "-p", Integer.toString(port)));
      MotoServer server = new MotoServer(process, endpoint);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start moto", e);
    }
  }

  /** The base URL every AWS service answers on. */
  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every resource (moto's {@code POST /moto-api/reset}). */
  public void reset() {
    post("/moto-api/reset", "");
  }

  /** POSTs to a path of the server (moto's own API or Slipway's extensions); returns the body. */
  public String post(String path, String body) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
          .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path + " to moto failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public String logTail(int lines) {
    return process.logTail(lines);
  }

  @Override
  public void close() {
    process.stop();
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      process.checkAlive();
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          LOG.info("moto ready at {}", endpoint);
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    process.stop();
    throw new IllegalStateException("moto did not answer within 60 s; log:\n" + process.logTail(40));
  }

  /**
   * Runs hack/moto/install.sh (installs moto once per requirements version) and returns the virtualenv's python (its
   * last line of output).
   */
  public static synchronized Path python() {
    Path script = ProjectLayout.root().resolve("hack/moto/install.sh");
    try {
      Process install = new ProcessBuilder("bash", script.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0 || out.isEmpty()) {
        throw new IllegalStateException(script + " failed; its output is above");
      }
      return Path.of(out.substring(out.lastIndexOf('\n') + 1).trim());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing moto", e);
    }
  }
}
