package dev.slipway.controllers.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator settings, bound from {@code slipway.*}: application.yaml, then the {@code slipway-controllers} ConfigMap
 * through Spring Cloud Kubernetes when running in a cluster. Settings marked "live" are re-read on every use through
 * {@link LiveSettings}, so a ConfigMap change applies without a restart; the others apply at start.
 *
 * @param kubeconfig path of the management cluster's kubeconfig; empty: KUBECONFIG, ~/.kube/config or in-cluster
 * @param namespace the only namespace whose objects this Slipway reconciles; empty: every namespace (at start)
 * @param controllers per-controller concurrency and resync
 * @param client management-cluster client rate limits
 * @param leaderElection Lease-based leader election
 * @param drain how old nodes are drained during a rollout
 */
@ConfigurationProperties("slipway")
public record SlipwayProperties(
    String kubeconfig,
    String namespace,
    @DefaultValue Controllers controllers,
    @DefaultValue Client client,
    @DefaultValue LeaderElection leaderElection,
    @DefaultValue Drain drain) {

  /**
   * @param clusterWorkers concurrent Cluster reconciles (at start)
   * @param nodepoolWorkers concurrent Nodepool reconciles (at start)
   * @param machinePoolWorkers concurrent MachinePool reconciles (at start)
   * @param additionalConfigWorkers concurrent ClusterAdditionalConfig reconciles (at start)
   * @param resyncPeriod how often every object is compared with the cloud even without a change (live); each
   *     object's next resync is jittered by up to {@code resyncJitter} of it, so a fleet does not resync at once
   * @param resyncJitter fraction of the period used as random jitter, 0 to 1 (live)
   * @param pollInterval how often a long cloud operation or a wait for nodes is looked at again (live)
   */
  public record Controllers(
      @DefaultValue("4") int clusterWorkers,
      @DefaultValue("8") int nodepoolWorkers,
      @DefaultValue("8") int machinePoolWorkers,
      @DefaultValue("2") int additionalConfigWorkers,
      @DefaultValue("10m") Duration resyncPeriod,
      @DefaultValue("0.2") double resyncJitter,
      @DefaultValue("5s") Duration pollInterval) {
  }

  /**
   * @param qps sustained requests per second to the management API server (live)
   * @param burst requests allowed above {@code qps} in a burst (live)
   * @param eventsQps sustained Normal Events per second; above it (and the burst) Normal Events are dropped and
   *     counted, Warnings always go out (live)
   * @param eventsBurst Events allowed above {@code eventsQps} in a burst (live)
   */
  public record Client(@DefaultValue("200") double qps, @DefaultValue("400") int burst,
      @DefaultValue("20") double eventsQps, @DefaultValue("200") int eventsBurst) {
  }

  /**
   * @param enabled whether to elect a leader; off only for a single local process
   * @param namespace namespace of the Lease
   * @param leaseName name of the Lease
   * @param leaseDuration how long a leader's claim lasts without renewal
   * @param renewDeadline how long the leader keeps trying to renew before giving up
   * @param retryPeriod how often candidates try to acquire or renew
   */
  public record LeaderElection(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("slipway-system") String namespace,
      @DefaultValue("slipway-controllers") String leaseName,
      @DefaultValue("15s") Duration leaseDuration,
      @DefaultValue("10s") Duration renewDeadline,
      @DefaultValue("2s") Duration retryPeriod) {
  }

  /**
   * @param backoffInitial first wait after an eviction refused by a PodDisruptionBudget (live)
   * @param backoffMax longest wait between eviction attempts of one node (live)
   */
  public record Drain(
      @DefaultValue("5s") Duration backoffInitial,
      @DefaultValue("2m") Duration backoffMax) {
  }
}
