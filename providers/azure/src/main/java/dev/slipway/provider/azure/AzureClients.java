package dev.slipway.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.fluent.RoleAssignmentsClient;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.MachinesClient;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Azure SDK clients, one set per subscription, built on first use and shared by every reconcile: one Netty HTTP
 * client (connection pool, timeouts, optional extra trusted certificate), the credential, and a pipeline that
 * records {@link AzureRequestMetrics} and retries only what is quick to retry.
 *
 * <p>Retries: the SDK retries a connection failure or a 5xx once after 0.2-1 s. It never retries a 429: a worker
 * thread must not sleep through an ARM {@code Retry-After} (often 10-60 s); the 429 becomes a retryable
 * {@link dev.slipway.provider.CloudException} with that delay and the controller's queue waits instead.
 */
public final class AzureClients {

  /** The retry condition: transport failures and 5xx, never 429 (see the class comment). */
  static final RetryOptions RETRY = new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(1)
      .setBaseDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(1)))
      .setShouldRetryCondition(condition -> condition.getResponse() == null
          ? condition.getThrowable() instanceof IOException
          : condition.getResponse().getStatusCode() >= 500);

  private final AzureProperties properties;
  private final TokenCredential credential;
  private final List<HttpPipelinePolicy> policies;
  private final HttpClient httpClient;
  private final Map<String, ContainerServiceManager> containerService = new ConcurrentHashMap<>();
  private final Map<String, AuthorizationManager> authorization = new ConcurrentHashMap<>();

  public AzureClients(AzureProperties properties, TokenCredential credential, List<HttpPipelinePolicy> policies) {
    this.properties = properties;
    this.credential = credential;
    this.policies = List.copyOf(policies);
    this.httpClient = httpClient(properties);
  }

  public AzureProperties properties() {
    return properties;
  }

  ManagedClustersClient managedClusters(String subscriptionId) {
    return containerService(subscriptionId).serviceClient().getManagedClusters();
  }

  AgentPoolsClient agentPools(String subscriptionId) {
    return containerService(subscriptionId).serviceClient().getAgentPools();
  }

  MachinesClient machines(String subscriptionId) {
    return containerService(subscriptionId).serviceClient().getMachines();
  }

  RoleAssignmentsClient roleAssignments(String subscriptionId) {
    return authorization.computeIfAbsent(subscriptionId, s -> {
      AuthorizationManager.Configurable configurable = AuthorizationManager.configure().withHttpClient(httpClient)
          .withRetryOptions(RETRY);
      policies.forEach(configurable::withPolicy);
      return configurable.authenticate(credential, profile(s));
    }).roleServiceClient().getRoleAssignments();
  }

  private ContainerServiceManager containerService(String subscriptionId) {
    return containerService.computeIfAbsent(subscriptionId, s -> {
      ContainerServiceManager.Configurable configurable = ContainerServiceManager.configure()
          .withHttpClient(httpClient).withRetryOptions(RETRY);
      policies.forEach(configurable::withPolicy);
      return configurable.authenticate(credential, profile(s));
    });
  }

  private AzureProfile profile(String subscriptionId) {
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", properties.resourceManagerEndpoint().toString());
    return new AzureProfile(null, subscriptionId, new AzureEnvironment(endpoints));
  }

  private static HttpClient httpClient(AzureProperties properties) {
    reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create();
    if (properties.trustedCertificate() != null) {
      SslContext ssl = trusting(properties.trustedCertificate());
      netty = netty.secure(spec -> spec.sslContext(ssl));
    }
    return new NettyAsyncHttpClientBuilder(netty)
        .connectTimeout(properties.connectTimeout())
        .responseTimeout(properties.responseTimeout())
        .readTimeout(properties.readTimeout())
        .build();
  }

  private static SslContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      return SslContextBuilder.forClient().trustManager(in).build();
    } catch (IOException e) {
      throw new IllegalArgumentException("slipway.providers.azure.trusted-certificate " + pem
          + " is not a readable PEM certificate: " + e.getMessage(), e);
    }
  }
}
