package dev.slipway.controllers.runtime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the controllers for {@code /actuator/health}: a follower waiting for the Lease is healthy; the leader is
 * healthy once its informer caches have synced (before that it is not ready to reconcile).
 */
@Component("controllers")
public class ControllersHealth implements HealthIndicator {

  private final ObjectProvider<ControllerRunner> runner;
  private final ManagementInformers informers;

  public ControllersHealth(ObjectProvider<ControllerRunner> runner, ManagementInformers informers) {
    this.runner = runner;
    this.informers = informers;
  }

  @Override
  public Health health() {
    ControllerRunner controllers = runner.getIfAvailable();
    if (controllers == null) {
      return Health.up().withDetail("controllers", "disabled (slipway.controllers.enabled=false)").build();
    }
    if (!controllers.isLeading()) {
      return Health.up().withDetail("role", "follower").withDetail("identity", controllers.identity()).build();
    }
    Health.Builder health = informers.hasSynced() ? Health.up() : Health.outOfService();
    return health.withDetail("role", "leader").withDetail("identity", controllers.identity())
        .withDetail("cachesSynced", informers.hasSynced()).build();
  }
}
