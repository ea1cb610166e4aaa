package dev.slipway.provider.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The AWS SDK clients, each built once (per region for the regional services) on first use and shared by every
 * reconcile: no client is built per call, and nothing touches the network before the first cloud call. All clients
 * share one HTTP connection pool, the credential provider, the retry strategy and the interceptors (metrics).
 *
 * <h2>Retries</h2>
 * The SDK retries a call itself before it reaches Slipway's error mapping, and it does so on the reconcile thread,
 * so the in-thread wait is bounded explicitly:
 * <ul>
 *   <li>{@code STANDARD} (default): {@code maxAttempts} attempts (default 3), exponential backoff with full jitter
 *       from 100 ms up to 2 s for transient errors (5xx, timeouts, connection resets), and the separate throttling
 *       backoff from 1 s up to 5 s for throttling errors (the SDK recognises {@code Throttling},
 *       {@code ThrottlingException}, {@code TooManyRequestsException}, {@code RequestLimitExceeded}, 429 ...). The
 *       SDK's retry-token bucket stops retrying when most recent calls failed, so an outage does not multiply load.
 *       </li>
 *   <li>{@code ADAPTIVE}: the SDK's adaptive strategy: as standard plus a client-side token-bucket rate limiter that
 *       slows every caller of the client after throttling. It can make a reconcile thread wait for capacity; it is
 *       offered for accounts that are throttled persistently, not as the default.</li>
 * </ul>
 * {@code apiCallTimeout} caps one call including retries. When the SDK gives up, the error reaches
 * {@link AwsErrors}, which marks throttling and 5xx retryable so that the controller's per-object backoff (never a
 * sleeping worker) takes over.
 */
public final class AwsClients implements AutoCloseable {

  /** Region used to sign IAM calls (IAM is global); also the region of IAM when an endpoint override is set. */
  private static final Region IAM_REGION = Region.AWS_GLOBAL;

  private final AwsProperties properties;
  private final AwsCredentialsProvider credentials;
  private final List<ExecutionInterceptor> interceptors;
  private final Map<String, EksClient> eks = new ConcurrentHashMap<>();
  private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
  private volatile IamClient iam;
  private volatile SdkHttpClient http;

  public AwsClients(AwsProperties properties, AwsCredentialsProvider credentials,
      List<ExecutionInterceptor> interceptors) {
    this.properties = properties;
    this.credentials = credentials;
    this.interceptors = List.copyOf(interceptors);
  }

  /** The credential chain every client signs with; also signs EKS tokens. */
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  public EksClient eks(String region) {
    return eks.computeIfAbsent(region, r -> configure(EksClient.builder(), Region.of(r)).build());
  }

  public Ec2Client ec2(String region) {
    return ec2.computeIfAbsent(region, r -> configure(Ec2Client.builder(), Region.of(r)).build());
  }

  public IamClient iam() {
    IamClient client = iam;
    if (client == null) {
      synchronized (this) {
        if (iam == null) {
          iam = configure(IamClient.builder(), IAM_REGION).build();
        }
        client = iam;
      }
    }
    return client;
  }

  /** The retry strategy for a mode, as documented on this class. */
  /** The provider's configuration. */
  AwsProperties properties() {
    return properties;
  }

  static RetryStrategy retryStrategy(AwsProperties.RetryMode mode, int maxAttempts) {
    if (mode == AwsProperties.RetryMode.ADAPTIVE) {
      return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
    }
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(5)))
        .build();
  }

  private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
      B configure(B builder, Region region) {
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
        .retryStrategy(retryStrategy(properties.retryMode(), properties.maxAttempts()))
        .apiCallTimeout(properties.apiCallTimeout())
        .apiCallAttemptTimeout(properties.apiCallAttemptTimeout());
    interceptors.forEach(override::addExecutionInterceptor);
    builder.region(region).credentialsProvider(credentials).overrideConfiguration(override.build())
        .httpClient(http());
    if (properties.endpointOverride() != null) {
      builder.endpointOverride(properties.endpointOverride());
    }
    return builder;
  }

  private SdkHttpClient http() {
    SdkHttpClient client = http;
    if (client == null) {
      synchronized (this) {
        if (http == null) {
          http = Apache5HttpClient.builder()
              .connectionTimeout(properties.connectTimeout())
              .socketTimeout(properties.socketTimeout())
              .maxConnections(properties.maxConnections())
              .build();
        }
        client = http;
      }
    }
    return client;
  }

  @Override
  public synchronized void close() {
    eks.values().forEach(EksClient::close);
    ec2.values().forEach(Ec2Client::close);
    if (iam != null) {
      iam.close();
    }
    if (http != null) {
      http.close();
    }
  }
}
