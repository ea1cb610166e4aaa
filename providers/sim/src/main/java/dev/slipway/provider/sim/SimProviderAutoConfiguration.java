package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs the {@code sim} provider unless {@code slipway.providers.sim.enabled=false}. With
 * {@code slipway.providers.sim.workload-kubeconfig} set, Nodes and state go to that API server (its client is built
 * here, once); without it, the cloud is node-less and keeps its state in memory.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "slipway.providers.sim", name = "enabled", havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(SimProperties.class)
public class SimProviderAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SimProviderAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  public SimProvider simProvider(SimProperties properties, ObjectProvider<Clock> clock,
      ObjectProvider<MeterRegistry> meters) {
    WorkloadServer workload = properties.workloadKubeconfig() == null ? null
        : workloadServer(properties.workloadKubeconfig(), properties.workloadReadTimeout());
    SimStateStore store = workload == null ? new InMemorySimStateStore()
        : new ConfigMapSimStateStore(workload.client());
    Map<LatencyProfile, LatencyModel> latency = new EnumMap<>(LatencyProfile.class);
    for (LatencyProfile profile : LatencyProfile.values()) {
      latency.put(profile, LatencyModel.preset(profile).with(properties.latency().get(profile)));
    }
    MeterRegistry registry = meters.getIfAvailable(() -> Metrics.globalRegistry);
    if (workload == null) {
      LOG.info("Simulated cloud is node-less: no workload kubeconfig, state kept in memory only");
      InMemorySimStateStore memory = (InMemorySimStateStore) store;
      Gauge.builder("slipway.sim.pools", memory, InMemorySimStateStore::poolCount)
          .description("Node pools the node-less simulated cloud holds (all clusters, any state)").register(registry);
    } else {
      LOG.info("Simulated cloud registers Nodes when they are due and keeps its state in {}", workload.endpoint());
    }
    SimCloud cloud = new SimCloud(clock.getIfAvailable(Clock::systemUTC), store, workload, latency,
        properties.faults(), SimRandomness.seeded(properties.seed())).recordingCalls((operation, outcome, took) ->
            Timer.builder("slipway.cloud.requests").description("Cloud API calls made by Slipway")
                .tag("provider", "sim").tag("service", "sim").tag("operation", operation).tag("outcome", outcome)
                .register(registry).record(took));
    if (workload != null) {
      cloud.registeringNodesOnTime();
    }
    if (properties.auditLog() != null) {
      LOG.info("Simulated cloud appends its operations to {} as {}", properties.auditLog(),
          properties.auditIdentity());
      cloud.auditingTo(SimAuditLog.appendingTo(properties.auditLog(), properties.auditIdentity()));
    }
    return new SimProvider(cloud);
  }

  /** Reads the kubeconfig once and builds the one client every call uses. */
  static WorkloadServer workloadServer(Path kubeconfig, Duration readTimeout) {
    try {
      String yaml = Files.readString(kubeconfig);
      ApiClient client;
      try (Reader reader = new StringReader(yaml)) {
        client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(reader)).build();
      }
      client.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
      return new WorkloadServer(client, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the simulated cloud's workload kubeconfig " + kubeconfig, e);
    }
  }
}
