package dev.slipway.provider.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Times every Resource Manager request as {@code slipway.cloud.requests} (the meter the AWS provider uses too) with
 * tags {@code provider=azure}, {@code service} (the resource provider, e.g. {@code containerservice}),
 * {@code operation} (the HTTP method and the resource type, e.g. {@code PUT agentPools}, {@code GET operations})
 * and {@code outcome}: {@code success}, {@code throttled} (429), {@code client_error} (4xx), {@code server_error}
 * (5xx) or {@code error} (no answer). Added per try, so an SDK retry counts twice. Records only names and outcomes,
 * never URLs with identifiers, headers or bodies.
 */
final class AzureRequestMetrics implements HttpPipelinePolicy {

  static final String METER = "slipway.cloud.requests";

  /** {@code /providers/Microsoft.X/...}: the last provider namespace and the resource types after it. */
  private static final Pattern PROVIDER = Pattern.compile("(?i)^.*/providers/microsoft\\.([a-z]+)((?:/[^/]+/[^/]+)*)"
      + "(/[^/]+)?/?$");

  private final MeterRegistry registry;

  AzureRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    Timer.Sample sample = Timer.start(registry);
    String method = context.getHttpRequest().getHttpMethod().name();
    String path = context.getHttpRequest().getUrl().getPath();
    return next.process()
        .doOnSuccess(response -> record(sample, method, path, outcome(response.getStatusCode())))
        .doOnError(error -> record(sample, method, path, "error"));
  }

  static String outcome(int status) {
    if (status == 429) {
      return "throttled";
    }
    if (status >= 500) {
      return "server_error";
    }
    return status >= 400 ? "client_error" : "success";
  }

  /** Service and operation names of a request path: {@code [containerservice, PUT agentPools]}. Pure. */
  static String[] names(String method, String path) {
    Matcher m = PROVIDER.matcher(path == null ? "" : path);
    if (!m.matches()) {
      return new String[] {"unknown", method};
    }
    String service = m.group(1).toLowerCase(Locale.ROOT);
    String[] pairs = m.group(2).isEmpty() ? new String[0] : m.group(2).substring(1).split("/");
    String type;
    if (m.group(3) != null) {
      // An odd segment at the end: a collection (list) or an action (listClusterAdminCredential).
      type = m.group(3).substring(1);
    } else if (pairs.length >= 2) {
      type = pairs[pairs.length - 2];
    } else {
      type = "unknown";
    }
    return new String[] {service, method + " " + type};
  }

  private void record(Timer.Sample sample, String method, String path, String outcome) {
    String[] names = names(method, path);
    sample.stop(Timer.builder(METER)
        .description("Cloud API calls made by Slipway")
        .tag("provider", "azure")
        .tag("service", names[0])
        .tag("operation", names[1])
        .tag("outcome", outcome)
        .register(registry));
  }
}
