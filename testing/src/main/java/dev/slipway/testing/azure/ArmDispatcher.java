package dev.slipway.testing.azure;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ARM front door: every request advances the simulated time, is authenticated (a bearer token the fake issued),
 * meets the injected faults, needs an api-version, and is routed to a resource provider; every answer carries
 * {@code x-ms-request-id} and {@code x-ms-correlation-request-id} and is recorded. All state is touched under the
 * one state lock; the answer is written after the lock is released.
 */
final class ArmDispatcher implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ArmDispatcher.class);
  private static final Gson GSON = new Gson();
  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Object lock;
  private final Clock clock;
  private final String tenantId;
  private final ContainerService containerService;
  private final Authorization authorization;
  private final Faults faults;
  private final Set<String> tokens = new HashSet<>();
  private final List<RecordedRequest> requests = new ArrayList<>();

  ArmDispatcher(Object lock, Clock clock, String tenantId, ContainerService containerService,
      Authorization authorization, Faults faults) {
    this.lock = lock;
    this.clock = clock;
    this.tenantId = tenantId;
    this.containerService = containerService;
    this.authorization = authorization;
    this.faults = faults;
  }

  /** A new bearer token ARM will accept. Called with the state lock held. */
  String issueToken() {
    String token = "fake-arm." + UUID.randomUUID().toString().replace("-", "") + "."
        + UUID.randomUUID().toString().replace("-", "");
    tokens.add(token);
    return token;
  }

  /** Called with the state lock held. */
  void record(RecordedRequest request) {
    requests.add(request);
  }

  /** Called with the state lock held. */
  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      ArmRequest request = ArmRequest.of(exchange.getRequestMethod(), rawPath(exchange.getRequestURI()),
          exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
      ArmResponse response = serve(request);
      String correlation = request.header("x-ms-correlation-request-id");
      response.headers().put("x-ms-request-id", UUID.randomUUID().toString());
      response.headers().put("x-ms-correlation-request-id",
          correlation != null ? correlation : UUID.randomUUID().toString());
      write(exchange, response);
    }
  }

  /**
   * The request target's path. Note: the SDK builds {@code {$host}/{scope}/providers/...} with a scope that starts
   * with a slash, so a target can start with {@code //}, which {@link URI} reads as an authority; ARM, like this,
   * takes it as an empty segment.
   */
  static String rawPath(URI target) {
    if (target.getScheme() == null && target.getRawAuthority() != null) {
      return "//" + target.getRawAuthority() + (target.getRawPath() == null ? "" : target.getRawPath());
    }
    return target.getRawPath() == null ? "/" : target.getRawPath();
  }

  ArmResponse serve(ArmRequest request) {
    synchronized (lock) {
      Instant now = clock.instant();
      ArmResponse response;
      try {
        containerService.advance(now);
        response = route(request, now);
      } catch (ArmException e) {
        response = ArmResponse.error(e);
      } catch (RuntimeException e) {
        LOG.warn("fake ARM failed on {} {}", request.method(), request.path(), e);
        response = ArmResponse.error(new ArmException(500, "InternalServerError", "The fake failed: " + e, null));
      }
      requests.add(new RecordedRequest(now, request.method(), request.path(), request.apiVersion(),
          response.status(), response.errorCode()));
      LOG.debug("{} {} -> {} {}", request.method(), request.path(), response.status(),
          response.errorCode() == null ? "" : response.errorCode());
      return response;
    }
  }

  private ArmResponse route(ArmRequest request, Instant now) {
    authenticate(request);
    ArmException injected = faults.answerFor(request);
    if (injected != null) {
      throw injected;
    }
    if (request.apiVersion() == null || request.apiVersion().isBlank()) {
      throw ArmException.badRequest("MissingApiVersionParameter", "The api-version query parameter (?api-version=)"
          + " is required for all requests.");
    }
    if (request.startsWith("subscriptions")
        && (request.segments().size() < 2 || !GUID.matcher(request.segment(1)).matches())) {
      throw ArmException.badRequest("InvalidSubscriptionId", "The provided subscription identifier '"
          + (request.segments().size() < 2 ? "" : request.segment(1)) + "' is malformed or invalid.");
    }
    ArmResponse response = containerService.handle(request, now);
    if (response == null) {
      response = authorization.handle(request, now);
    }
    if (response == null) {
      throw ArmException.badRequest("InvalidResourceType", "The resource type at '" + request.path() + "' could"
          + " not be found. This fake serves managedClusters, agentPools, machines, operations, roleAssignments and"
          + " roleDefinitions.");
    }
    return response;
  }

  private void authenticate(ArmRequest request) {
    String authorizationHeader = request.header("Authorization");
    String problem;
    String code = "AuthenticationFailed";
    if (authorizationHeader == null) {
      problem = "Authentication failed. The 'Authorization' header is missing.";
    } else if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      problem = "Authentication failed. The 'Authorization' header is provided in an invalid format.";
    } else if (!tokens.contains(authorizationHeader.substring(7).trim())) {
      code = "InvalidAuthenticationToken";
      problem = "The access token is invalid.";
    } else {
      return;
    }
    throw new ArmException(401, code, problem, null).withHeader("WWW-Authenticate",
        "Bearer authorization_uri=\"https://login.microsoftonline.com/" + tenantId + "\", error=\"invalid_token\","
            + " error_description=\"" + problem.replace("\"", "'") + "\"");
  }

  /** Writes a JSON answer (no body for 202/204 without one). */
  static void write(HttpExchange exchange, ArmResponse response) throws IOException {
    byte[] bytes = response.body() == null ? new byte[0] : GSON.toJson(response.body()).getBytes(StandardCharsets.UTF_8);
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      exchange.getResponseHeaders().set(header.getKey(), header.getValue());
    }
    if (response.body() != null) {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    }
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    boolean noBody = response.status() == 204 || bytes.length == 0;
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  static JsonObject errorBody(String code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("code", code);
    error.addProperty("message", message);
    JsonObject body = new JsonObject();
    body.add("error", error);
    return body;
  }
}
