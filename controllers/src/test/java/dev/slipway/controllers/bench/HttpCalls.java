package dev.slipway.controllers.bench;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Raw HTTP for the benchmark: JSON bodies exactly as written (client-java's Gson would turn integers read back into
 * doubles), the API server's own {@code /metrics}, and the controllers' actuator.
 */
final class HttpCalls {

  private static final OkHttpClient PLAIN = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

  private HttpCalls() {
  }

  /** One request to the API server; returns the HTTP code (2xx) or throws with the server's answer. */
  static int send(ApiClient client, String method, String path, String contentType, String body) {
    Map<String, String> headers = new LinkedHashMap<>(Map.of("Accept", "application/json"));
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    try {
      okhttp3.Call call = client.buildCall(null, path, method, List.of(), List.of(),
          body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers, Map.of(), Map.of(),
          new String[] {"BearerToken"}, null);
      try (Response response = call.execute()) {
        if (!response.isSuccessful()) {
          String text = response.body() == null ? "" : response.body().string();
          throw new IllegalStateException(method + " " + path + ": HTTP " + response.code() + " " + text);
        }
        return response.code();
      }
    } catch (ApiException e) {
      throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    }
  }

  /** The API server's {@code /metrics}, parsed. */
  static PromText apiServerMetrics(ApiClient client) {
    try {
      okhttp3.Call call = client.buildCall(null, "/metrics", "GET", List.of(), List.of(), null,
          new LinkedHashMap<>(Map.of("Accept", "text/plain")), Map.of(), Map.of(), new String[] {"BearerToken"},
          null);
      try (Response response = call.execute()) {
        return PromText.parse(response.body() == null ? "" : response.body().string());
      }
    } catch (ApiException e) {
      throw new IllegalStateException("GET /metrics: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("GET /metrics", e);
    }
  }

  /** The controllers' {@code /actuator/prometheus}, parsed. */
  static PromText controllerMetrics(int port) {
    return metrics("http://127.0.0.1:" + port + "/actuator/prometheus");
  }

  /** Prometheus text from a plain HTTP endpoint (the controllers', etcd's {@code /metrics}), parsed. */
  static PromText metrics(String url) {
    Request request = new Request.Builder().url(url).build();
    try (Response response = PLAIN.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IllegalStateException("GET " + url + ": HTTP " + response.code());
      }
      return PromText.parse(response.body() == null ? "" : response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url, e);
    }
  }
}
