package dev.slipway.provider.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import dev.slipway.testing.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SimProviderAutoConfigurationTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SimProviderAutoConfiguration.class))
      .withBean(Clock.class, () -> clock);

  @Test
  void runsANodelessSimProviderByDefault() {
    runner.run(context -> {
      SimProvider provider = context.getBean(SimProvider.class);
      assertThat(provider.id()).isEqualTo(CloudProvider.SIM);
      assertThat(provider.cloud().hasNodes()).isFalse();
      assertThat(context.getBean(SimProperties.class).faults()).isEqualTo(SimFaults.none());
    });
  }

  @Test
  void isOffWhenDisabled() {
    runner.withPropertyValues("slipway.providers.sim.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(SimProvider.class));
  }

  @Test
  void bindsFaultsAndLatencyOverridesAndUsesTheApplicationsClock() {
    runner.withPropertyValues(
            "slipway.providers.sim.seed=9",
            "slipway.providers.sim.faults.throttling=1",
            "slipway.providers.sim.faults.throttling-retry-after=12s",
            "slipway.providers.sim.latency.Fast.control-plane-create.min=1m")
        .run(context -> {
          SimProperties properties = context.getBean(SimProperties.class);
          assertThat(properties.seed()).isEqualTo(9L);
          assertThat(properties.faults().throttlingRetryAfter()).isEqualTo(Duration.ofSeconds(12));
          assertThat(properties.latency().get(LatencyProfile.Fast).controlPlaneCreate().max())
              .isEqualTo(Duration.ofMinutes(1));
          CloudException e = org.assertj.core.api.Assertions.catchThrowableOfType(CloudException.class,
              () -> context.getBean(SimProvider.class).controlPlanes().ensure(SimFixtures.cluster("a", "b")));
          assertThat(e.code()).isEqualTo("Throttling");
        });
  }

  @Test
  void latencyOverridesReachTheCloud() {
    runner.withPropertyValues("slipway.providers.sim.latency.Fast.control-plane-create.min=1m")
        .run(context -> {
          SimProvider provider = context.getBean(SimProvider.class);
          ClusterTarget cluster = SimFixtures.cluster("a", "b");
          assertThat(provider.controlPlanes().ensure(cluster).retryAfter()).isEqualTo(SimCloud.MAX_POLL);
          clock.advance(Duration.ofSeconds(59));
          assertThat(provider.controlPlanes().observe(cluster).phase()).isEqualTo(ProvisioningPhase.CREATING);
          clock.advance(Duration.ofSeconds(1));
          assertThat(provider.controlPlanes().ensure(cluster)).isEqualTo(OperationStatus.done());
        });
  }
}
