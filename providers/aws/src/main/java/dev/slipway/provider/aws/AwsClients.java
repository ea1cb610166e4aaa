package dev.slipway.provider.aws;

import dev.slipway.api.v1alpha1.AwsIdentity;
import dev.slipway.provider.ResolvedIdentity;
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
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS SDK clients, each built once (per region for the regional services) on first use and shared by every
 * reconcile: no client is built per call, and nothing touches the network before the first cloud call. All clients
 * share one HTTP connection pool, the retry strategy and the interceptors (metrics).
 *
 * <h2>Identities</h2>
 * A Cluster without a ProviderIdentity is served with the controllers' own credentials (IRSA through the default
 * chain). A Cluster with one is served by clients that sign with the credentials of STS AssumeRole of the
 * identity's {@code roleArn} (and {@code externalId}), requested with the controllers' own credentials from the
 * regional STS endpoint and refreshed by the SDK before they expire. Those clients and credentials are cached per
 * (role, external ID) and region, so a reconcile never builds a client; a changed roleArn gets new ones.
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
  /** Region of the STS endpoint that assumes an identity's role for IAM calls (regional STS, aws partition). */
  static final String IAM_STS_REGION = "us-east-1";

  private final AwsProperties properties;
  private final AwsCredentialsProvider credentials;
  private final List<ExecutionInterceptor> interceptors;
  private final Map<String, EksClient> eks = new ConcurrentHashMap<>();
  private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
  private final Map<String, IamClient> iam = new ConcurrentHashMap<>();
  private final Map<String, StsClient> sts = new ConcurrentHashMap<>();
  private final Map<String, StsAssumeRoleCredentialsProvider> assumed = new ConcurrentHashMap<>();
  private volatile SdkHttpClient http;

  public AwsClients(AwsProperties properties, AwsCredentialsProvider credentials,
      List<ExecutionInterceptor> interceptors) {
    this.properties = properties;
    this.credentials = credentials;
    this.interceptors = List.copyOf(interceptors);
  }

  /** The controllers' own credential chain; clients of Clusters without a ProviderIdentity sign with it. */
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  /**
   * The credentials calls for a Cluster sign with (and its EKS tokens): the controllers' own when
   * {@code identity} is null, else the identity's assumed role, as requested from STS in {@code region}.
   */
  public AwsCredentialsProvider credentials(String region, ResolvedIdentity identity) {
    if (identity == null) {
      return credentials;
    }
    AwsIdentity aws = aws(identity);
    return assumed.computeIfAbsent(key(region, identity), k -> StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts.computeIfAbsent(region, r -> configure(StsClient.builder(), Region.of(r), credentials)
            .build()))
        .refreshRequest(r -> r.roleArn(aws.roleArn()).externalId(aws.externalId())
            .roleSessionName(sessionName(identity.name())))
        .asyncCredentialUpdateEnabled(false)
        .build());
  }

  public EksClient eks(String region) {
    return eks(region, null);
  }

  public EksClient eks(String region, ResolvedIdentity identity) {
    return eks.computeIfAbsent(key(region, identity), k -> configure(EksClient.builder(), Region.of(region),
        credentials(region, identity)).build());
  }

  public Ec2Client ec2(String region) {
    return ec2(region, null);
  }

  public Ec2Client ec2(String region, ResolvedIdentity identity) {
    return ec2.computeIfAbsent(key(region, identity), k -> configure(Ec2Client.builder(), Region.of(region),
        credentials(region, identity)).build());
  }

  public IamClient iam() {
    return iam(null);
  }

  /** IAM is global: with an identity, its role is assumed through STS in {@link #IAM_STS_REGION}. */
  public IamClient iam(ResolvedIdentity identity) {
    return iam.computeIfAbsent(key(IAM_REGION.id(), identity), k -> configure(IamClient.builder(), IAM_REGION,
        credentials(IAM_STS_REGION, identity)).build());
  }

  /** Cache key of a client or credentials: region and the identity's role, not its name (two may share one). */
  private static String key(String region, ResolvedIdentity identity) {
    if (identity == null) {
      return region;
    }
    AwsIdentity aws = aws(identity);
    return region + "|" + aws.roleArn() + "|" + (aws.externalId() == null ? "" : aws.externalId());
  }

  private static AwsIdentity aws(ResolvedIdentity identity) {
    if (identity.spec().aws() == null) {
      throw new IllegalArgumentException("ProviderIdentity " + identity.name() + " has no spec.aws");
    }
    return identity.spec().aws();
  }

  /** The STS session name CloudTrail shows: {@code slipway-<identity>}, within STS's 2-64 characters. */
  static String sessionName(String identity) {
    String name = ("slipway-" + identity).replaceAll("[^\\w+=,.@-]", "-");
    return name.length() > 64 ? name.substring(0, 64) : name;
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
      B configure(B builder, Region region, AwsCredentialsProvider signer) {
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
        .retryStrategy(retryStrategy(properties.retryMode(), properties.maxAttempts()))
        .apiCallTimeout(properties.apiCallTimeout())
        .apiCallAttemptTimeout(properties.apiCallAttemptTimeout());
    interceptors.forEach(override::addExecutionInterceptor);
    builder.region(region).credentialsProvider(signer).overrideConfiguration(override.build())
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
    iam.values().forEach(IamClient::close);
    assumed.values().forEach(StsAssumeRoleCredentialsProvider::close);
    sts.values().forEach(StsClient::close);
    if (http != null) {
      http.close();
    }
  }
}
