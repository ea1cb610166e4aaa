package dev.slipway.provider.azure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Azure provider, under {@code slipway.providers.azure}. Credentials are not configuration:
 * every client uses {@code DefaultAzureCredential} (workload identity in production; a managed-identity endpoint in
 * tests), and custom resources never hold secrets.
 *
 * @param enabled whether the {@code azure} provider runs (default true)
 * @param resourceManagerEndpoint the Azure Resource Manager endpoint (default the public cloud,
 *     {@code https://management.azure.com/}; a fake in tests)
 * @param trustedCertificate a PEM certificate that replaces the JVM's trust store for TLS to Resource Manager (a
 *     private CA, or a test fake's self-signed certificate); null: the JVM's trust store
 * @param connectTimeout TCP connect timeout (default 5s)
 * @param responseTimeout time to wait for a response's headers (default 30s)
 * @param readTimeout time between two reads of a response body (default 30s)
 * @param pollInterval how soon a controller looks again at a long-running operation (default 15s)
 * @param kubeconfigRecheck how long a kubeconfig read from AKS is used before it is read again, so that rotated
 *     cluster credentials reach the kubeconfig Secret (default 1h)
 */
@ConfigurationProperties("slipway.providers.azure")
public record AzureProperties(Boolean enabled, URI resourceManagerEndpoint, Path trustedCertificate,
    Duration connectTimeout, Duration responseTimeout, Duration readTimeout, Duration pollInterval,
    Duration kubeconfigRecheck) {

  /** Azure's public cloud Resource Manager endpoint. */
  public static final URI PUBLIC_CLOUD = URI.create("https://management.azure.com/");

  public AzureProperties {
    enabled = enabled == null || enabled;
    resourceManagerEndpoint = resourceManagerEndpoint == null ? PUBLIC_CLOUD : resourceManagerEndpoint;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    responseTimeout = responseTimeout == null ? Duration.ofSeconds(30) : responseTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    pollInterval = pollInterval == null ? Duration.ofSeconds(15) : pollInterval;
    kubeconfigRecheck = kubeconfigRecheck == null ? Duration.ofHours(1) : kubeconfigRecheck;
    if (!"https".equals(resourceManagerEndpoint.getScheme())) {
      throw new IllegalArgumentException("slipway.providers.azure.resource-manager-endpoint must be https: "
          + resourceManagerEndpoint);
    }
  }

  /** Defaults, with a Resource Manager endpoint and a certificate to trust (tests). */
  public static AzureProperties forEndpoint(URI endpoint, Path trustedCertificate, Duration pollInterval) {
    return new AzureProperties(true, endpoint, trustedCertificate, null, null, null, pollInterval, null);
  }
}
