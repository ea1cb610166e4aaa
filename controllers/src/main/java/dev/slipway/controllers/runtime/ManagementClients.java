package dev.slipway.controllers.runtime;

import io.kubernetes.client.openapi.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The clients for the management cluster, built once. Informers get a client without read timeout (a watch may be
 * quiet for minutes); every other call goes through a client with the live QPS/burst limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlipwayProperties.class)
public class ManagementClients {

  /** The rate-limited client for reads and writes outside informers. */
  @Bean
  @Primary
  public ApiClient apiClient(SlipwayProperties properties, LiveSettings settings, MeterRegistry meters) {
    ApiClient client = baseClient(properties);
    client.setHttpClient(client.getHttpClient().newBuilder()
        .readTimeout(30, TimeUnit.SECONDS)
        .addInterceptor(new ClientRateLimit(() -> settings.get().client(), meters))
        .addInterceptor(new ApiRequestMetrics(meters))
        .build());
    return client;
  }

  /** The client informers list and watch with. */
  @Bean
  public ApiClient informerApiClient(SlipwayProperties properties, MeterRegistry meters) {
    ApiClient client = baseClient(properties);
    client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS)
        .addInterceptor(new ApiRequestMetrics(meters)).build());
    return client;
  }

  @Bean
  public Clock clock() {
    return Clock.systemUTC();
  }

  private static ApiClient baseClient(SlipwayProperties properties) {
    return ManagementKubeconfig.apiClient(properties.kubeconfig());
  }
}
