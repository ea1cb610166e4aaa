package dev.slipway.controllers.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Counts the controllers' requests to the management API server as client-go does,
 * {@code rest_client_requests_total{code,method,host}}; a request that got no answer has code {@code <error>}.
 * Informer lists and watches count too (method GET).
 */
final class ApiRequestMetrics implements Interceptor {

  private final MeterRegistry meters;

  ApiRequestMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String host = request.url().host() + ":" + request.url().port();
    try {
      Response response = chain.proceed(request);
      count(String.valueOf(response.code()), request.method(), host);
      return response;
    } catch (IOException | RuntimeException e) {
      count("<error>", request.method(), host);
      throw e;
    }
  }

  private void count(String code, String method, String host) {
    Counter.builder("rest.client.requests").description("Requests to the management API server by status code")
        .tag("code", code).tag("method", method).tag("host", host).register(meters).increment();
  }
}
