package dev.slipway.testing.azure;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The managed identity token endpoint of the App Service protocol (api-version 2019-08-01), as
 * {@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER} point {@code ManagedIdentityCredential} (and so
 * {@code DefaultAzureCredential}) at it: {@code GET ?resource=<r>&api-version=2019-08-01} with the secret in
 * {@code X-IDENTITY-HEADER}, answering a bearer token the fake's ARM accepts.
 */
final class ManagedIdentityEndpoint implements HttpHandler {

  static final String PATH = "/msi/token";
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

  private final Object lock;
  private final Clock clock;
  private final ArmDispatcher dispatcher;
  private final String secret;
  private final String clientId;

  ManagedIdentityEndpoint(Object lock, Clock clock, ArmDispatcher dispatcher, String secret, String clientId) {
    this.lock = lock;
    this.clock = clock;
    this.dispatcher = dispatcher;
    this.secret = secret;
    this.clientId = clientId;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      ArmRequest request = ArmRequest.of(exchange.getRequestMethod(), ArmDispatcher.rawPath(exchange.getRequestURI()),
          exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), "");
      ArmResponse response;
      synchronized (lock) {
        response = answer(request);
        dispatcher.record(new RecordedRequest(clock.instant(), request.method(), request.path(),
            request.apiVersion(), response.status(), response.errorCode()));
      }
      ArmDispatcher.write(exchange, response);
    }
  }

  /** Called with the state lock held. */
  private ArmResponse answer(ArmRequest request) {
    if (!request.method().equals("GET")) {
      return ArmResponse.of(405, ArmDispatcher.errorBody("MethodNotAllowed", "Only GET is supported."));
    }
    if (!secret.equals(request.header("X-IDENTITY-HEADER"))) {
      return ArmResponse.of(401, ArmDispatcher.errorBody("Unauthorized",
          "The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER."));
    }
    if (!"2019-08-01".equals(request.apiVersion())) {
      return ArmResponse.of(400, ArmDispatcher.errorBody("InvalidApiVersion",
          "api-version must be 2019-08-01, was " + request.apiVersion() + "."));
    }
    String resource = request.query("resource");
    if (resource == null || resource.isBlank()) {
      return ArmResponse.of(400, ArmDispatcher.errorBody("InvalidResource", "The resource parameter is required."));
    }
    // Note: expires_on comes from the system clock, not the fake's: the client caching the token judges it by its
    // own clock, and a test clock set in the past would make every token look expired.
    Instant expires = Instant.now().plus(TOKEN_LIFETIME);
    JsonObject body = new JsonObject();
    body.addProperty("access_token", dispatcher.issueToken());
    body.addProperty("expires_on", Long.toString(expires.getEpochSecond()));
    body.addProperty("resource", resource);
    body.addProperty("token_type", "Bearer");
    body.addProperty("client_id", clientId);
    return ArmResponse.ok(body);
  }
}
