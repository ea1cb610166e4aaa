package dev.slipway.provider.aws;

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
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Runs the {@code aws} provider unless {@code slipway.providers.aws.enabled=false}. Start-up is cheap and offline:
 * the credential chain resolves and the SDK clients are built on the first cloud call, not here.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "slipway.providers.aws", name = "enabled", havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(AwsProperties.class)
public class AwsProviderAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public AwsClients awsClients(AwsProperties properties, ObjectProvider<MeterRegistry> meters) {
    MeterRegistry registry = meters.getIfAvailable(() -> Metrics.globalRegistry);
    return new AwsClients(properties, DefaultCredentialsProvider.builder().build(),
        List.of(new CloudRequestMetrics(registry)));
  }

  @Bean
  @ConditionalOnMissingBean
  public AwsProvider awsProvider(AwsClients clients, ObjectProvider<Clock> clock) {
    return new AwsProvider(clients, clock.getIfAvailable(Clock::systemUTC));
  }
}
