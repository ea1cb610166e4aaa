package dev.slipway.provider.aws;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the AWS provider, under {@code slipway.providers.aws}. Credentials are not configuration: every
 * client uses the SDK's default credential chain (IRSA web identity in production; environment variables or the
 * {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties in tests).
 *
 * @param enabled whether the {@code aws} provider runs (default true)
 * @param endpointOverride one endpoint every client (EKS, EC2, IAM, STS) talks to instead of AWS, e.g. a moto server
 *     in tests; null in production
 * @param connectTimeout TCP connect timeout (default 5s)
 * @param socketTimeout read timeout of one HTTP attempt (default 30s)
 * @param apiCallAttemptTimeout time limit of one attempt including signing and unmarshalling (default 30s)
 * @param apiCallTimeout time limit of one SDK call including every retry and its backoff (default 60s): bounds how
 *     long a reconcile thread can spend in one cloud call
 * @param retryMode {@code standard} (default) or {@code adaptive}; see {@link AwsClients}
 * @param maxAttempts attempts per call including the first (default 3); beyond them the controller's own backoff
 *     takes over
 * @param maxConnections HTTP connection pool size shared by every client (default 50)
 * @param workloadKubeconfig for testing against an emulator only: a kubeconfig file handed out as every EKS
 *     cluster's kubeconfig instead of one for the cloud's endpoint with an STS token (an emulated endpoint serves no
 *     Kubernetes API); null in production
 */
@ConfigurationProperties("slipway.providers.aws")
public record AwsProperties(Boolean enabled, URI endpointOverride, Duration connectTimeout, Duration socketTimeout,
    Duration apiCallAttemptTimeout, Duration apiCallTimeout, RetryMode retryMode, Integer maxAttempts,
    Integer maxConnections, java.nio.file.Path workloadKubeconfig) {

  /** How the SDK retries a failed call before the controller's backoff takes over. */
  public enum RetryMode {
    /** Exponential backoff with jitter, a longer base delay for throttling errors, a retry-token bucket. */
    STANDARD,
    /** As standard, plus a client-side rate limiter that slows all callers of a client after throttling. */
    ADAPTIVE
  }

  public AwsProperties {
    enabled = enabled == null || enabled;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    socketTimeout = socketTimeout == null ? Duration.ofSeconds(30) : socketTimeout;
    apiCallAttemptTimeout = apiCallAttemptTimeout == null ? Duration.ofSeconds(30) : apiCallAttemptTimeout;
    apiCallTimeout = apiCallTimeout == null ? Duration.ofSeconds(60) : apiCallTimeout;
    retryMode = retryMode == null ? RetryMode.STANDARD : retryMode;
    maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    maxConnections = maxConnections == null ? 50 : maxConnections;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("slipway.providers.aws.max-attempts must be at least 1");
    }
  }

  /** Defaults, optionally with an endpoint override (tests). */
  public static AwsProperties defaults(URI endpointOverride) {
    return new AwsProperties(true, endpointOverride, null, null, null, null, null, null, null, null);
  }
}
