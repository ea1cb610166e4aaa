package dev.slipway.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs the {@code azure} provider unless {@code slipway.providers.azure.enabled=false}. Start-up is cheap and
 * offline: {@code DefaultAzureCredential} asks for a token and the SDK clients are built on the first cloud call.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "slipway.providers.azure", name = "enabled", havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(AzureProperties.class)
public class AzureProviderAutoConfiguration {

  /** Workload identity in production (AKS/EKS-hosted management clusters); any managed identity elsewhere. */
  @Bean
  @ConditionalOnMissingBean
  public TokenCredential azureCredential() {
    return new DefaultAzureCredentialBuilder().build();
  }

  @Bean
  @ConditionalOnMissingBean
  public AzureClients azureClients(AzureProperties properties, TokenCredential credential,
      ObjectProvider<MeterRegistry> meters) {
    MeterRegistry registry = meters.getIfAvailable(() -> Metrics.globalRegistry);
    return new AzureClients(properties, credential, List.of(new AzureRequestMetrics(registry)));
  }

  @Bean
  @ConditionalOnMissingBean
  public AzureProvider azureProvider(AzureClients clients, ObjectProvider<Clock> clock) {
    return new AzureProvider(clients, clock.getIfAvailable(Clock::systemUTC));
  }
}
