package dev.slipway.controllers.cluster;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfig;
import dev.slipway.api.v1alpha1.ClusterStatus;
import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.api.v1alpha1.LocalRef;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.controllers.machinepool.MachinePoolReconciler;
import dev.slipway.controllers.nodepool.MachinePools;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.controllers.conditions.Conditions;
import dev.slipway.controllers.conditions.Progress;
import dev.slipway.controllers.identity.ClusterIdentities;
import dev.slipway.controllers.identity.IdentityCheck;
import dev.slipway.controllers.runtime.Events;
import dev.slipway.controllers.runtime.Finalizers;
import dev.slipway.controllers.runtime.Labels;
import dev.slipway.controllers.runtime.LiveSettings;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.Requeue;
import dev.slipway.controllers.runtime.ResourceWriter;
import dev.slipway.controllers.workload.WorkloadClusters;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.ControlPlaneState;
import dev.slipway.provider.Kubeconfig;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.Provider;
import dev.slipway.provider.Providers;
import dev.slipway.provider.ProvisioningPhase;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Reconciles a Cluster: the cloud control plane (create, in-place upgrade, delete last), the kubeconfig Secret and
 * the Cluster's conditions. Deleting a Cluster deletes its Nodepools, MachinePools and ClusterAdditionalConfigs
 * first and waits for them; the control plane goes only after every pool is gone.
 */
@Component
public class ClusterReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterReconciler.class);
  /** Refresh the kubeconfig this long before its credentials expire. */
  private static final Duration KUBECONFIG_REFRESH_MARGIN = Duration.ofMinutes(5);
  static final String EXPIRES_AT = "slipway.dev/expires-at";
  static final String ENDPOINT = "slipway.dev/endpoint";

  private final ManagementInformers informers;
  private final ResourceWriter writer;
  private final Providers providers;
  private final LiveSettings settings;
  private final Clock clock;
  private final Events events;
  private final WorkloadClusters workloadClusters;
  private final CoreV1Api core;
  private final ClusterIdentities identities;

  public ClusterReconciler(ManagementInformers informers, ResourceWriter writer, Providers providers,
      LiveSettings settings, Clock clock, Events events, WorkloadClusters workloadClusters,
      @Qualifier("apiClient") ApiClient apiClient, ClusterIdentities identities) {
    this.identities = identities;
    this.informers = informers;
    this.writer = writer;
    this.providers = providers;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
    this.workloadClusters = workloadClusters;
    this.core = new CoreV1Api(apiClient);
  }

  @Override
  public Result reconcile(Request request) {
    Cluster cluster = informers.cluster(request.getNamespace(), request.getName());
    if (cluster == null) {
      workloadClusters.forget(request.getNamespace(), request.getName());
      return Requeue.done();
    }
    MDC.put("cluster", request.getNamespace() + "/" + request.getName());
    if (cluster.getMetadata().getDeletionTimestamp() != null) {
      return delete(cluster);
    }
    cluster = Finalizers.ensure(cluster, writer);
    ClusterStatus previous = cluster.getStatus() == null ? emptyStatus() : cluster.getStatus();
    long generation = Objects.requireNonNullElse(cluster.getMetadata().getGeneration(), 0L);
    OffsetDateTime now = OffsetDateTime.now(clock);

    if (Boolean.TRUE.equals(cluster.getSpec().paused())) {
      List<Condition> conditions = Conditions.paused(previous.conditions(),
          "spec.paused is true: Slipway does not act on this cluster", generation, now);
      writeStatus(cluster, withConditions(previous, "Paused", conditions, previous.observedGeneration()));
      return Requeue.done();
    }
    List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.PAUSED, ConditionStatus.FALSE,
        "NotPaused", "", generation, now);

    Optional<Provider> provider = providers.find(cluster.getSpec().provider());
    if (provider.isEmpty()) {
      String message = "provider " + cluster.getSpec().provider().value() + " is not configured in this Slipway "
          + "(configured: " + providers.configured().stream().map(CloudProvider::value).sorted().toList() + ")";
      conditions = Conditions.set(conditions, ConditionTypes.PROVIDER_READY, ConditionStatus.FALSE,
          ConditionReasons.PROVIDER_NOT_CONFIGURED, message, generation, now);
      conditions = Conditions.set(conditions, ConditionTypes.READY, ConditionStatus.FALSE,
          ConditionReasons.PROVIDER_NOT_CONFIGURED, message, generation, now);
      writeStatus(cluster, withConditions(previous, "Failed", conditions, previous.observedGeneration()));
      return Requeue.resync(settings.get().controllers());
    }
    IdentityCheck identity = identities.check(cluster);
    if (!identity.allowed()) {
      conditions = Conditions.set(conditions, ConditionTypes.PROVIDER_READY, ConditionStatus.FALSE,
          identity.reason(), identity.message(), generation, now);
      conditions = Conditions.set(conditions, ConditionTypes.READY, ConditionStatus.FALSE, identity.reason(),
          identity.message(), generation, now);
      announceRefusal(cluster, previous, identity);
      writeStatus(cluster, withConditions(previous, ConditionReasons.IDENTITY_NOT_FOUND.equals(identity.reason())
          ? previous.phase() : "Failed", conditions, previous.observedGeneration()));
      // A change of the identity or of the namespace's labels wakes the Cluster; the resync is a safety net.
      return Requeue.resync(settings.get().controllers());
    }
    ClusterTarget target = identity.target(cluster, false);
    try {
      return reconcileControlPlane(cluster, provider.get(), target, previous, conditions, generation, now);
    } catch (CloudException e) {
      LOG.warn("Cloud call for cluster {} failed: {}", target.key(), e.describe());
      conditions = Conditions.set(conditions, ConditionTypes.PROVIDER_READY, ConditionStatus.FALSE,
          ConditionReasons.CLOUD_ERROR, e.describe(), generation, now);
      conditions = Conditions.set(conditions, ConditionTypes.READY, ConditionStatus.FALSE,
          e.retryable() ? ConditionReasons.CLOUD_ERROR : ConditionReasons.PERMANENT_CLOUD_ERROR, e.describe(),
          generation, now);
      writeStatus(cluster, withConditions(previous, previous.phase(), conditions, previous.observedGeneration()));
      if (!e.retryable()) {
        return Requeue.resync(settings.get().controllers());
      }
      return e.retryAfter() != null ? Requeue.after(e.retryAfter()) : Requeue.backoff();
    }
  }

  private Result reconcileControlPlane(Cluster cluster, Provider provider, ClusterTarget target,
      ClusterStatus previous, List<Condition> conditions, long generation, OffsetDateTime now)
      throws CloudException {
    conditions = Conditions.set(conditions, ConditionTypes.PROVIDER_READY, ConditionStatus.TRUE,
        ConditionReasons.READY, "", generation, now);
    ControlPlaneState state = provider.controlPlanes().observe(target);
    ControlPlaneDecision decision = ControlPlaneDecision.decide(cluster.getSpec().version(), state);
    OperationStatus operation = null;
    if (decision.callEnsure()) {
      operation = provider.controlPlanes().ensure(target, state.phase() == ProvisioningPhase.ABSENT
          ? initialPools(cluster) : List.of());
      if (state.phase() == ProvisioningPhase.ABSENT && operation.kind() != OperationStatus.Kind.RETRY_LATER) {
        events.normal(cluster, "ControlPlaneCreating", "Creating the " + target.spec().provider()
            + " control plane at version " + target.spec().version());
      } else if (decision.upgrade() && state.phase() == ProvisioningPhase.READY) {
        events.normal(cluster, "ControlPlaneUpgrading", "Upgrading the control plane from " + state.version()
            + " to " + target.spec().version());
      }
      if (operation.isDone()) {
        // The cloud finished at once: report what it has now rather than the state before the call, instead of
        // writing a stale status and waiting a poll interval to correct it.
        state = provider.controlPlanes().observe(target);
        decision = ControlPlaneDecision.decide(cluster.getSpec().version(), state);
      }
    }
    conditions = Conditions.set(conditions, ConditionTypes.CONTROL_PLANE_READY, decision.ready()
        ? ConditionStatus.TRUE : ConditionStatus.FALSE, decision.reason(),
        operation != null && operation.kind() == OperationStatus.Kind.RETRY_LATER ? operation.message()
            : decision.message(), generation, now);

    LocalRef secretRef = previous.kubeconfigSecretRef();
    boolean kubeconfigReady = false;
    Instant refreshAt = null;
    if (state.phase() == ProvisioningPhase.READY || state.phase() == ProvisioningPhase.UPDATING) {
      WrittenKubeconfig written = ensureKubeconfig(cluster, provider, target, state);
      secretRef = written.ref();
      refreshAt = written.refreshAt();
      kubeconfigReady = true;
    }
    conditions = Conditions.set(conditions, ConditionTypes.KUBECONFIG_READY, kubeconfigReady ? ConditionStatus.TRUE
        : ConditionStatus.FALSE, kubeconfigReady ? ConditionReasons.READY : ConditionReasons.CREATING,
        kubeconfigReady ? "" : "written once the control plane is ready", generation, now);
    boolean ready = decision.ready() && kubeconfigReady;
    conditions = Conditions.set(conditions, ConditionTypes.READY, ready ? ConditionStatus.TRUE
        : ConditionStatus.FALSE, ready ? ConditionReasons.READY : decision.reason(),
        ready ? "" : "control plane: " + decision.message(), generation, now);
    if (ready && !Conditions.isTrue(previous.conditions(), ConditionTypes.READY)) {
      events.normal(cluster, "ClusterReady", "Control plane " + state.version() + " is ready at "
          + state.endpoint());
    }
    ClusterStatus status = new ClusterStatus(ready ? Long.valueOf(generation) : previous.observedGeneration(),
        decision.phase(), conditions, state.version(), state.endpoint(), secretRef, state.cloudResourceId());
    writeStatus(cluster, status);
    if (ready) {
      return resyncOrRefresh(refreshAt);
    }
    Duration poll = settings.get().controllers().pollInterval();
    return Requeue.after(operation != null && operation.retryAfter().compareTo(poll) > 0
        ? operation.retryAfter() : poll);
  }

  /**
   * The next pass of a Ready cluster: the jittered resync, or earlier when the kubeconfig's short-lived credentials
   * (an EKS token lives 15 minutes) are due for refresh before then.
   */
  private Result resyncOrRefresh(Instant refreshAt) {
    return Requeue.after(nextPass(Requeue.resync(settings.get().controllers()).getRequeueAfter(), clock.instant(),
        refreshAt));
  }

  /**
   * The first pools of the Cluster's System Nodepools, exactly as their MachinePools will ask for them, for a cloud
   * that creates a cluster only together with its System pools (AKS). Read from the informer cache.
   */
  private List<NodePoolSpec> initialPools(Cluster cluster) {
    List<NodePoolSpec> pools = new ArrayList<>();
    for (Nodepool nodepool : ManagementInformers.byIndex(informers.nodepools(), ManagementInformers.BY_CLUSTER,
        cluster.getMetadata().getNamespace(), cluster.getMetadata().getName())) {
      if (nodepool.getMetadata().getDeletionTimestamp() != null || nodepool.getSpec() == null
          || nodepool.getSpec().mode() != NodepoolMode.System) {
        continue;
      }
      try {
        String version = MachinePools.version(nodepool, cluster);
        pools.add(MachinePoolReconciler.desired(MachinePools.of(nodepool, cluster, version,
            MachinePools.desiredHash(nodepool, version), 0)));
      } catch (IllegalArgumentException e) {
        // The Nodepool reports this itself (UnknownHashFunction); the cluster is created with its other pools.
        LOG.warn("Nodepool {} is left out of the initial pools of Cluster {}: {}", nodepool.getMetadata().getName(),
            cluster.getMetadata().getName(), e.getMessage());
      }
    }
    return pools;
  }

  /** The sooner of the resync delay and the time until {@code refreshAt} (none: the resync delay). Pure. */
  static Duration nextPass(Duration resync, Instant now, Instant refreshAt) {
    if (refreshAt == null) {
      return resync;
    }
    Duration untilRefresh = Duration.between(now, refreshAt);
    return untilRefresh.compareTo(resync) < 0 ? untilRefresh : resync;
  }

  /** The kubeconfig Secret's name and when its credentials must be refreshed (null: they do not expire). */
  private record WrittenKubeconfig(LocalRef ref, Instant refreshAt) {
  }

  /** Writes the kubeconfig Secret when missing, about to expire, or pointing at another endpoint. */
  private WrittenKubeconfig ensureKubeconfig(Cluster cluster, Provider provider, ClusterTarget target,
      ControlPlaneState state) throws CloudException {
    String namespace = cluster.getMetadata().getNamespace();
    String name = WorkloadClusters.secretName(cluster.getMetadata().getName());
    V1Secret existing = informers.kubeconfigSecret(namespace, name);
    if (existing != null && !needsRefresh(existing, state)) {
      return new WrittenKubeconfig(new LocalRef(name), refreshAt(existing));
    }
    Kubeconfig kubeconfig = provider.controlPlanes().kubeconfig(target);
    Map<String, String> annotations = new java.util.HashMap<>();
    annotations.put(ENDPOINT, Objects.toString(state.endpoint(), ""));
    if (kubeconfig.expiresAt() != null) {
      annotations.put(EXPIRES_AT, kubeconfig.expiresAt().toString());
    }
    V1Secret secret = new V1Secret()
        .metadata(new V1ObjectMeta().name(name).namespace(namespace)
            .labels(Map.of(Labels.KUBECONFIG_SECRET, "true", Labels.CLUSTER, cluster.getMetadata().getName()))
            .annotations(annotations)
            .ownerReferences(List.of(new V1OwnerReference().apiVersion(cluster.getApiVersion())
                .kind(cluster.getKind()).name(cluster.getMetadata().getName()).uid(cluster.getMetadata().getUid()))))
        .type("cluster.x-k8s.io/secret")
        .data(Map.of(WorkloadClusters.KUBECONFIG_KEY, kubeconfig.yaml().getBytes(StandardCharsets.UTF_8)));
    try {
      if (existing == null) {
        core.createNamespacedSecret(namespace, secret).execute();
        events.normal(cluster, "KubeconfigWritten", "Wrote kubeconfig Secret " + name);
      } else {
        secret.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        core.replaceNamespacedSecret(name, namespace, secret).execute();
      }
    } catch (ApiException e) {
      throw new IllegalStateException("write kubeconfig Secret " + namespace + "/" + name + ": HTTP " + e.getCode(),
          e);
    }
    return new WrittenKubeconfig(new LocalRef(name), kubeconfig.expiresAt() == null ? null
        : kubeconfig.expiresAt().minus(KUBECONFIG_REFRESH_MARGIN));
  }

  private static Instant refreshAt(V1Secret secret) {
    Map<String, String> annotations = Objects.requireNonNullElse(secret.getMetadata().getAnnotations(), Map.of());
    String expiresAt = annotations.get(EXPIRES_AT);
    return expiresAt == null ? null : Instant.parse(expiresAt).minus(KUBECONFIG_REFRESH_MARGIN);
  }

  private boolean needsRefresh(V1Secret secret, ControlPlaneState state) {
    Map<String, String> annotations = Objects.requireNonNullElse(secret.getMetadata().getAnnotations(), Map.of());
    if (!Objects.toString(state.endpoint(), "").equals(annotations.getOrDefault(ENDPOINT, ""))) {
      return true;
    }
    Instant refreshAt = refreshAt(secret);
    return refreshAt != null && refreshAt.isBefore(clock.instant());
  }

  /**
   * Teardown, the reverse of creation: Nodepools, ClusterAdditionalConfigs and MachinePools first (each removes its
   * own cloud resources), then the control plane, then the kubeconfig Secret, then the finalizer.
   */
  private Result delete(Cluster cluster) {
    if (!Finalizers.has(cluster)) {
      return Requeue.done();
    }
    String namespace = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    List<Nodepool> nodepools = ManagementInformers.byIndex(informers.nodepools(), ManagementInformers.BY_CLUSTER,
        namespace, name);
    List<MachinePool> machinePools = ManagementInformers.byIndex(informers.machinePools(),
        ManagementInformers.BY_CLUSTER, namespace, name);
    List<ClusterAdditionalConfig> configs = ManagementInformers.byIndex(informers.additionalConfigs(),
        ManagementInformers.BY_CLUSTER, namespace, name);
    ClusterStatus previous = cluster.getStatus() == null ? emptyStatus() : cluster.getStatus();
    long generation = Objects.requireNonNullElse(cluster.getMetadata().getGeneration(), 0L);
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (!nodepools.isEmpty() || !machinePools.isEmpty() || !configs.isEmpty()) {
      nodepools.stream().filter(np -> np.getMetadata().getDeletionTimestamp() == null)
          .forEach(np -> writer.delete(Nodepool.class, namespace, np.getMetadata().getName()));
      configs.stream().filter(c -> c.getMetadata().getDeletionTimestamp() == null)
          .forEach(c -> writer.delete(ClusterAdditionalConfig.class, namespace, c.getMetadata().getName()));
      // MachinePools a Nodepool still manages are deleted by that Nodepool; orphans are deleted here.
      machinePools.stream().filter(mp -> mp.getMetadata().getDeletionTimestamp() == null)
          .filter(mp -> mp.getSpec().nodepoolRef() == null
              || informers.nodepool(namespace, mp.getSpec().nodepoolRef().name()) == null)
          .forEach(mp -> writer.delete(MachinePool.class, namespace, mp.getMetadata().getName()));
      String message = "waiting for " + nodepools.size() + " Nodepools, " + machinePools.size()
          + " MachinePools and " + configs.size() + " ClusterAdditionalConfigs to be deleted";
      List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
          ConditionReasons.WAITING_FOR_DEPENDENTS, message, generation, now);
      writeStatus(cluster, withConditions(previous, "Deleting", conditions, previous.observedGeneration()));
      return Requeue.after(settings.get().controllers().pollInterval());
    }
    Optional<Provider> provider = providers.find(cluster.getSpec().provider());
    if (provider.isEmpty()) {
      String message = "cannot delete the control plane: provider " + cluster.getSpec().provider()
          + " is not configured; the finalizer stays so no cloud resource is lost";
      List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
          ConditionReasons.PROVIDER_NOT_CONFIGURED, message, generation, now);
      writeStatus(cluster, withConditions(previous, "Deleting", conditions, previous.observedGeneration()));
      return Requeue.resync(settings.get().controllers());
    }
    IdentityCheck identity = identities.check(cluster);
    if (!identity.allowed()) {
      List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
          identity.reason(), "cannot delete the control plane: " + identity.message() + "; the finalizer stays so "
          + "no cloud resource is lost", generation, now);
      announceRefusal(cluster, previous, identity);
      writeStatus(cluster, withConditions(previous, "Deleting", conditions, previous.observedGeneration()));
      return Requeue.resync(settings.get().controllers());
    }
    try {
      OperationStatus deletion = provider.get().controlPlanes().delete(identity.target(cluster, true));
      if (!deletion.isDone()) {
        if (!"Deleting".equals(previous.phase())
            || !ConditionReasons.DELETING.equals(reasonOf(previous, ConditionTypes.READY))) {
          events.normal(cluster, "ControlPlaneDeleting", "Deleting the control plane");
        }
        List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY,
            ConditionStatus.FALSE, ConditionReasons.DELETING, "deleting the control plane: " + deletion.message(),
            generation, now);
        writeStatus(cluster, withConditions(previous, "Deleting", conditions, previous.observedGeneration()));
        return Requeue.after(max(deletion.retryAfter(), settings.get().controllers().pollInterval()));
      }
    } catch (CloudException e) {
      List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
          ConditionReasons.CLOUD_ERROR, "deleting the control plane: " + e.describe(), generation, now);
      writeStatus(cluster, withConditions(previous, "Deleting", conditions, previous.observedGeneration()));
      return e.retryAfter() != null ? Requeue.after(e.retryAfter()) : Requeue.backoff();
    }
    deleteKubeconfigSecret(namespace, WorkloadClusters.secretName(name));
    workloadClusters.forget(namespace, name);
    events.normal(cluster, "ClusterDeleted", "Control plane deleted; removing the finalizer");
    Finalizers.remove(cluster, writer);
    LOG.info("Cluster {}/{} deleted from the cloud", namespace, name);
    return Requeue.done();
  }

  private void deleteKubeconfigSecret(String namespace, String name) {
    try {
      core.deleteNamespacedSecret(name, namespace).execute();
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw new IllegalStateException("delete kubeconfig Secret " + namespace + "/" + name + ": HTTP "
            + e.getCode(), e);
      }
    }
  }

  private void writeStatus(Cluster cluster, ClusterStatus computed) {
    long generation = Objects.requireNonNullElse(cluster.getMetadata().getGeneration(), 0L);
    List<Condition> conditions = Progress.summarize(computed.conditions(), generation, OffsetDateTime.now(clock));
    ClusterStatus status = withConditions(computed, computed.phase(), conditions,
        Progress.observedGeneration(conditions, computed.observedGeneration(), generation));
    if (status.equals(cluster.getStatus())) {
      return;
    }
    cluster.setStatus(status);
    writer.updateStatus(cluster);
  }

  /** A Warning Event when the Cluster's Ready reason becomes an identity refusal (once, not on every pass). */
  private void announceRefusal(Cluster cluster, ClusterStatus previous, IdentityCheck identity) {
    if (!identity.reason().equals(reasonOf(previous, ConditionTypes.READY))) {
      events.warning(cluster, identity.reason(), identity.message());
      LOG.info("No cloud call for cluster {}/{}: {}", cluster.getMetadata().getNamespace(),
          cluster.getMetadata().getName(), identity.message());
    }
  }

  private static ClusterStatus emptyStatus() {
    return new ClusterStatus(null, "Pending", List.of(), null, null, null, null);
  }

  private static ClusterStatus withConditions(ClusterStatus status, String phase, List<Condition> conditions,
      Long observedGeneration) {
    return new ClusterStatus(observedGeneration, phase, conditions, status.version(), status.endpoint(),
        status.kubeconfigSecretRef(), status.cloudResourceId());
  }

  private static String reasonOf(ClusterStatus status, String type) {
    Condition condition = Conditions.find(status.conditions(), type);
    return condition == null ? null : condition.reason();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) > 0 ? a : b;
  }
}
