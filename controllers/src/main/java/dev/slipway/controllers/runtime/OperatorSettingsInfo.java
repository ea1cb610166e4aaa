package dev.slipway.controllers.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Shows the operator settings in {@code /actuator/info} under {@code operatorSettings}: {@code source} is where they
 * come from besides application.yaml, the command line and the environment, {@code live} are the values
 * in force now (they follow the ConfigMap), {@code atStart} the values fixed when the process started (a change of
 * those in the ConfigMap needs a restart). Durations are ISO-8601 ({@code PT10M}).
 */
@Component
public class OperatorSettingsInfo implements InfoContributor {

  private final SlipwayProperties atStart;
  private final LiveSettings live;
  private final String source;

  public OperatorSettingsInfo(SlipwayProperties atStart, LiveSettings live,
      ObjectProvider<OperatorSettingsSource.SettingsConfigMap> configMap) {
    this.atStart = atStart;
    this.live = live;
    this.source = LiveSettings.describe(configMap.getIfAvailable());
  }

  @Override
  public void contribute(Info.Builder builder) {
    SlipwayProperties now = live.get();
    Map<String, Object> liveValues = new LinkedHashMap<>();
    liveValues.put("controllers.resyncPeriod", now.controllers().resyncPeriod().toString());
    liveValues.put("controllers.resyncJitter", now.controllers().resyncJitter());
    liveValues.put("controllers.pollInterval", now.controllers().pollInterval().toString());
    liveValues.put("client.qps", now.client().qps());
    liveValues.put("client.burst", now.client().burst());
    liveValues.put("client.events-qps", now.client().eventsQps());
    liveValues.put("client.events-burst", now.client().eventsBurst());
    liveValues.put("drain.backoffInitial", now.drain().backoffInitial().toString());
    liveValues.put("drain.backoffMax", now.drain().backoffMax().toString());

    SlipwayProperties.Controllers workers = atStart.controllers();
    SlipwayProperties.LeaderElection election = atStart.leaderElection();
    Map<String, Object> startValues = new LinkedHashMap<>();
    startValues.put("namespace", atStart.namespace() == null ? "" : atStart.namespace());
    startValues.put("controllers.clusterWorkers", workers.clusterWorkers());
    startValues.put("controllers.nodepoolWorkers", workers.nodepoolWorkers());
    startValues.put("controllers.machinePoolWorkers", workers.machinePoolWorkers());
    startValues.put("controllers.additionalConfigWorkers", workers.additionalConfigWorkers());
    startValues.put("leaderElection.enabled", election.enabled());
    startValues.put("leaderElection.namespace", election.namespace());
    startValues.put("leaderElection.leaseName", election.leaseName());
    startValues.put("leaderElection.leaseDuration", election.leaseDuration().toString());
    startValues.put("leaderElection.renewDeadline", election.renewDeadline().toString());
    startValues.put("leaderElection.retryPeriod", election.retryPeriod().toString());

    builder.withDetail("operatorSettings", Map.of("source", source, "live", liveValues, "atStart", startValues));
  }
}
