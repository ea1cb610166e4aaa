package dev.slipway.controllers.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The operator settings in force now. Spring Cloud Kubernetes reloads the {@code slipway-controllers} ConfigMap into
 * the environment and publishes an {@link EnvironmentChangeEvent}; the settings are then bound afresh, so code that
 * reads {@link #get()} on every use (resync, poll interval, client QPS, drain backoff) follows the ConfigMap without
 * a restart. Settings fixed at start (worker counts, leader election) are documented as such.
 */
@Component
public class LiveSettings implements ApplicationListener<EnvironmentChangeEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSettings.class);

  private final Environment environment;
  private volatile SlipwayProperties current;

  public LiveSettings(SlipwayProperties initial, Environment environment,
      ObjectProvider<OperatorSettingsSource.SettingsConfigMap> configMap) {
    this.current = initial;
    this.environment = environment;
    LOG.info("Operator settings at start, {}: {}", describe(configMap.getIfAvailable()), initial);
  }

  /** Where operator settings come from, in words. */
  static String describe(OperatorSettingsSource.SettingsConfigMap configMap) {
    return configMap == null
        ? "no ConfigMap (not in Kubernetes and spring.main.cloud-platform not kubernetes, or "
            + "spring.cloud.kubernetes.config.enabled=false)"
        : configMap + ", re-read by Spring Cloud Kubernetes through the management kubeconfig";
  }

  public SlipwayProperties get() {
    return current;
  }

  @Override
  public void onApplicationEvent(EnvironmentChangeEvent event) {
    if (event.getKeys().stream().noneMatch(key -> key.startsWith("slipway."))) {
      return;
    }
    SlipwayProperties rebound = Binder.get(environment).bindOrCreate("slipway", SlipwayProperties.class);
    current = rebound;
    LOG.info("Operator settings reloaded: keys {} changed; now {}", event.getKeys(), rebound);
  }
}
