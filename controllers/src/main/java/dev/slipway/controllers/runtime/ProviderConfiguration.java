package dev.slipway.controllers.runtime;

import dev.slipway.provider.Provider;
import dev.slipway.provider.Providers;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Collects the provider beans on the classpath (each provider module auto-configures its own). */
@Configuration(proxyBeanMethods = false)
public class ProviderConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderConfiguration.class);

  @Bean
  public Providers providers(List<Provider> providers) {
    Providers result = new Providers(providers);
    LOG.info("Providers configured: {}", result.configured());
    return result;
  }
}
