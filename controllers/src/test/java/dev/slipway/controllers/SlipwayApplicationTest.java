package dev.slipway.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** The application context starts outside a Kubernetes cluster and shuts down cleanly. */
class SlipwayApplicationTest {

  @Test
  void startsAndStopsCleanly() {
    SpringApplication application = new SpringApplication(SlipwayApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    ConfigurableApplicationContext context = application.run("--spring.main.cloud-platform=none", "--slipway.controllers.enabled=false",
        "--slipway.providers.sim.enabled=false");
    try {
      assertThat(context.isActive()).isTrue();
    } finally {
      context.close();
    }
    assertThat(context.isActive()).isFalse();
  }
}
