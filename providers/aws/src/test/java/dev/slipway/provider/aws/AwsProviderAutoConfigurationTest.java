package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.CloudProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AwsProviderAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AwsProviderAutoConfiguration.class));

  @Test
  void providesTheAwsProviderWithoutTouchingTheNetwork() {
    runner.withPropertyValues("slipway.providers.aws.endpoint-override=http://127.0.0.1:9",
        "slipway.providers.aws.retry-mode=adaptive", "slipway.providers.aws.max-attempts=5")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(AwsProvider.class);
          assertThat(context.getBean(AwsProvider.class).id()).isEqualTo(CloudProvider.AWS);
          AwsProperties properties = context.getBean(AwsProperties.class);
          assertThat(properties.retryMode()).isEqualTo(AwsProperties.RetryMode.ADAPTIVE);
          assertThat(properties.maxAttempts()).isEqualTo(5);
          assertThat(properties.endpointOverride()).hasToString("http://127.0.0.1:9");
        });
  }

  @Test
  void disabledByProperty() {
    runner.withPropertyValues("slipway.providers.aws.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(AwsProvider.class).doesNotHaveBean(AwsClients.class));
  }
}
