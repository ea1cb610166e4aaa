package dev.slipway.provider.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every AWS SDK call (all attempts and retry backoff included) as {@code slipway.cloud.requests} with tags
 * {@code provider=aws}, {@code service} (e.g. {@code eks}), {@code operation} (e.g. {@code CreateNodegroup}) and
 * {@code outcome}: {@code success}, {@code throttled}, {@code client_error} (4xx), {@code server_error} (5xx) or
 * {@code error} (no HTTP answer: timeout, connection failure). Records only names and outcomes: never request
 * parameters, headers or bodies, so nothing secret reaches a metric.
 */
final class CloudRequestMetrics implements ExecutionInterceptor {

  static final String METER = "slipway.cloud.requests";

  private static final ExecutionAttribute<Timer.Sample> SAMPLE = new ExecutionAttribute<>("slipway.cloud.sample");

  private final MeterRegistry registry;

  CloudRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(SAMPLE, Timer.start(registry));
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    record(attributes, "success");
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    record(attributes, outcome(context.exception()));
  }

  static String outcome(Throwable failure) {
    if (failure instanceof AwsServiceException && ((AwsServiceException) failure).isThrottlingException()) {
      return "throttled";
    }
    if (failure instanceof SdkServiceException) {
      SdkServiceException service = (SdkServiceException) failure;
      if (service.isThrottlingException() || service.statusCode() == 429) {
        return "throttled";
      }
      return service.statusCode() >= 500 ? "server_error" : "client_error";
    }
    return "error";
  }

  private void record(ExecutionAttributes attributes, String outcome) {
    Timer.Sample sample = attributes.getAttribute(SAMPLE);
    if (sample == null) {
      return;
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    sample.stop(Timer.builder(METER)
        .description("AWS API calls made by Slipway, retries included")
        .tag("provider", "aws")
        .tag("service", service == null ? "unknown" : service.toLowerCase(Locale.ROOT))
        .tag("operation", operation == null ? "unknown" : operation)
        .tag("outcome", outcome)
        .register(registry));
  }
}
