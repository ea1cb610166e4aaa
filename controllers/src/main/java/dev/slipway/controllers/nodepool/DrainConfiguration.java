package dev.slipway.controllers.nodepool;

import dev.slipway.controllers.drain.NodeDrainer;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The drainer the Nodepool rollout moves workloads with. */
@Configuration(proxyBeanMethods = false)
class DrainConfiguration {

  @Bean
  NodeDrainer nodeDrainer(Clock clock) {
    return new NodeDrainer(clock);
  }
}
