package dev.slipway.controllers.additionalconfig;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.api.v1alpha1.ChildResourceStatus;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfig;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfigSpec;
import dev.slipway.api.v1alpha1.Condition;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.ConditionStatus;
import dev.slipway.api.v1alpha1.ConditionTypes;
import dev.slipway.controllers.additionalconfig.ObservedConfig.ProfileState;
import dev.slipway.controllers.additionalconfig.ObservedConfig.RegistryState;
import dev.slipway.controllers.conditions.Conditions;
import dev.slipway.controllers.identity.ClusterIdentities;
import dev.slipway.controllers.identity.IdentityCheck;
import dev.slipway.controllers.conditions.Progress;
import dev.slipway.controllers.runtime.Events;
import dev.slipway.controllers.runtime.Finalizers;
import dev.slipway.controllers.runtime.LiveSettings;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.Requeue;
import dev.slipway.controllers.runtime.ResourceWriter;
import dev.slipway.provider.AutoscalerProfileService;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.Provider;
import dev.slipway.provider.Providers;
import dev.slipway.provider.RegistryAccessService;
import io.kubernetes.client.extended.controller.reconciler.Reconciler;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Reconciles a ClusterAdditionalConfig: once its Cluster is Ready, grants pull access to every registry in the spec,
 * revokes what an earlier spec granted and this one dropped, and applies (or resets) the cluster-autoscaler profile,
 * all through the provider's {@link RegistryAccessService} and {@link AutoscalerProfileService} ports. The finalizer
 * revokes every grant and resets the profile before the object goes.
 *
 * <p>Observe -> decide -> act: provider reads build an {@link ObservedConfig}; {@link ConfigPlanner} decides the
 * intents and the {@link GrantRecord} (persisted in annotations before any cloud write); the intents are carried out;
 * {@link ConfigConditions} turns the outcome into conditions, written once when they changed.
 *
 * <p>Note: {@code status.children} stays empty. The children here are cloud-side grants and a profile reconciled
 * directly through the ports, not Kubernetes objects, so there is nothing an {@code ObjectRef} could honestly name;
 * the RegistryAccessReady and AutoscalerProfileReady conditions report them instead.
 */
@Component
public class ClusterAdditionalConfigReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterAdditionalConfigReconciler.class);

  private final ManagementInformers informers;
  private final ResourceWriter writer;
  private final Providers providers;
  private final LiveSettings settings;
  private final Clock clock;
  private final Events events;
  private final ClusterIdentities identities;

  public ClusterAdditionalConfigReconciler(ManagementInformers informers, ResourceWriter writer,
      Providers providers, LiveSettings settings, Clock clock, Events events, ClusterIdentities identities) {
    this.identities = identities;
    this.informers = informers;
    this.writer = writer;
    this.providers = providers;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
  }

  @Override
  public Result reconcile(Request request) {
    ClusterAdditionalConfig config = informers.additionalConfig(request.getNamespace(), request.getName());
    if (config == null) {
      return Requeue.done();
    }
    ClusterAdditionalConfigSpec spec = config.getSpec();
    String namespace = request.getNamespace();
    MDC.put("cluster", namespace + "/" + spec.clusterName());
    boolean deleting = config.getMetadata().getDeletionTimestamp() != null;
    if (!deleting) {
      config = Finalizers.ensure(config, writer);
    } else if (!Finalizers.has(config)) {
      return Requeue.done();
    }
    ChildResourceStatus previous = config.getStatus() == null ? emptyStatus() : config.getStatus();
    long generation = Objects.requireNonNullElse(config.getMetadata().getGeneration(), 0L);
    OffsetDateTime now = OffsetDateTime.now(clock);
    GrantRecord record = GrantRecord.fromAnnotations(config.getMetadata().getAnnotations());

    Cluster cluster = informers.cluster(namespace, spec.clusterName());
    if (cluster == null) {
      if (deleting && record.isEmpty()) {
        // Nothing was ever changed in a cloud (or all of it is undone): nothing to clean up without the Cluster.
        Finalizers.remove(config, writer);
        return Requeue.done();
      }
      writeStatus(config, notReady(previous, ConditionReasons.CLUSTER_NOT_FOUND, "Cluster " + spec.clusterName()
          + " does not exist in namespace " + namespace + (deleting ? "; the grants recorded in annotation "
          + GrantRecord.GRANTED_REGISTRIES + " cannot be revoked without it, so the finalizer stays" : ""),
          generation, now));
      return Requeue.resync(settings.get().controllers());
    }
    if (Boolean.TRUE.equals(cluster.getSpec().paused())) {
      List<Condition> conditions = Conditions.paused(previous.conditions(), "Cluster " + spec.clusterName()
          + " is paused", generation, now);
      writeStatus(config, new ChildResourceStatus(previous.observedGeneration(), conditions, previous.children()));
      return Requeue.done();
    }
    List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.PAUSED, ConditionStatus.FALSE,
        "NotPaused", "", generation, now);
    ChildResourceStatus current = new ChildResourceStatus(previous.observedGeneration(), conditions,
        previous.children());

    Optional<Provider> provider = providers.find(cluster.getSpec().provider());
    if (provider.isEmpty()) {
      writeStatus(config, notReady(current, ConditionReasons.PROVIDER_NOT_CONFIGURED, "provider "
          + providerName(cluster) + " is not configured in this Slipway" + (deleting
          ? "; the finalizer stays so no grant is left behind" : ""), generation, now));
      return Requeue.resync(settings.get().controllers());
    }
    IdentityCheck identity = identities.check(cluster);
    if (!identity.allowed()) {
      Condition ready = Conditions.find(previous.conditions(), ConditionTypes.READY);
      if (ready == null || !identity.reason().equals(ready.reason())) {
        events.warning(config, identity.reason(), "Cluster " + spec.clusterName() + ": " + identity.message());
      }
      writeStatus(config, notReady(current, identity.reason(), "Cluster " + spec.clusterName() + ": "
          + identity.message() + (deleting ? "; the finalizer stays so no grant is left behind" : ""),
          generation, now));
      return Requeue.resync(settings.get().controllers());
    }
    if (!deleting && !Conditions.isTrue(cluster.getStatus() == null ? null : cluster.getStatus().conditions(),
        ConditionTypes.READY)) {
      writeStatus(config, notReady(current, ConditionReasons.CLUSTER_NOT_READY, "waiting for Cluster "
          + spec.clusterName() + " to be Ready", generation, now));
      // The Cluster's own changes wake this object; the resync is only a safety net.
      return Requeue.resync(settings.get().controllers());
    }
    ClusterTarget target = identity.target(cluster, false);
    return reconcileChildren(config, cluster, provider.get(), target, record, deleting, current, generation, now);
  }

  private Result reconcileChildren(ClusterAdditionalConfig config, Cluster cluster, Provider provider,
      ClusterTarget target, GrantRecord record, boolean deleting, ChildResourceStatus current, long generation,
      OffsetDateTime now) {
    DesiredChildren spec = DesiredChildren.resolve(config.getSpec());
    DesiredChildren desired = deleting ? DesiredChildren.NONE : spec;
    // Deleting: also undo what the spec asks for, in case the record was lost (e.g. a `kubectl replace`).
    GrantRecord known = !deleting ? record : GrantRecord.of(union(record.registryIds(), spec.registryIds()),
        record.autoscalerProfileManaged() || spec.autoscalerProfile() != null);
    Set<String> siblingRegistries = new HashSet<>();
    boolean siblingSetsProfile = false;
    for (ClusterAdditionalConfig sibling : ManagementInformers.byIndex(informers.additionalConfigs(),
        ManagementInformers.BY_CLUSTER, target.namespace(), target.name())) {
      if (sibling.getMetadata().getName().equals(config.getMetadata().getName())
          || sibling.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      DesiredChildren theirs = DesiredChildren.resolve(sibling.getSpec());
      siblingRegistries.addAll(theirs.registryIds());
      siblingSetsProfile |= theirs.autoscalerProfile() != null;
    }

    ObservedConfig observed = observe(provider, target, desired, known);
    ConfigPlan plan = ConfigPlanner.plan(desired, known, observed, siblingRegistries, siblingSetsProfile);
    if (deleting && plan.record().isEmpty()) {
      Finalizers.remove(config, writer);
      // Note: after the write, so a pass from a stale cache (its write fails with 409) reports nothing twice.
      events.normal(config, "AdditionalConfigRemoved", "No grant or autoscaler profile of this configuration is "
          + "left on cluster " + target.name() + "; finalizer removed");
      LOG.info("ClusterAdditionalConfig {}/{} cleaned up on cluster {}", target.namespace(),
          config.getMetadata().getName(), target.key());
      return Requeue.done();
    }
    if (!plan.record().equals(record)) {
      // Note: before any grant or profile write, so a crash after the cloud call cannot lose track of it.
      config = writeRecord(config, plan.record());
    }

    Map<String, ChildOutcome> grants = new LinkedHashMap<>();
    for (String id : plan.grants()) {
      ChildOutcome outcome = call(() -> provider.registryAccess().grant(target, id));
      grants.put(id, outcome);
      if (outcome.status() != null && outcome.status().kind() != OperationStatus.Kind.RETRY_LATER) {
        events.normal(config, "RegistryAccessGranted", (outcome.isDone() ? "Granted" : "Granting")
            + " pull access to " + id + " on cluster " + target.name());
      }
    }
    Map<String, ChildOutcome> revokes = new LinkedHashMap<>();
    for (String id : plan.revokes()) {
      ChildOutcome outcome = call(() -> provider.registryAccess().revoke(target, id));
      revokes.put(id, outcome);
      if (outcome.status() != null && outcome.status().kind() != OperationStatus.Kind.RETRY_LATER) {
        events.normal(config, "RegistryAccessRevoked", (outcome.isDone() ? "Revoked" : "Revoking")
            + " pull access to " + id + " on cluster " + target.name());
      }
    }
    ChildOutcome profile = null;
    if (plan.ensureProfile()) {
      profile = call(() -> provider.autoscalerProfiles().ensure(target, plan.profile()));
      if (profile.status() != null && profile.status().kind() != OperationStatus.Kind.RETRY_LATER) {
        events.normal(config, plan.profile() == null ? "AutoscalerProfileReset" : "AutoscalerProfileApplied",
            (plan.profile() == null ? "Reset the autoscaler profile to the cloud's defaults" : "Applied the "
                + "autoscaler profile") + " on cluster " + target.name());
      }
    }

    ConfigConditions.Result result = ConfigConditions.decide(providerName(cluster), desired, observed, plan, grants,
        revokes, profile);
    List<Condition> conditions = current.conditions();
    for (ConfigConditions.Value value : result.all()) {
      ConfigConditions.Value shown = value;
      if (deleting && value.type().equals(ConditionTypes.READY) && value.isTrue()) {
        shown = new ConfigConditions.Value(ConditionTypes.READY, ConditionStatus.FALSE, ConditionReasons.DELETING,
            "removing this configuration's grants and autoscaler profile from cluster " + target.name());
      }
      conditions = Conditions.set(conditions, shown.type(), shown.status(), shown.reason(), shown.message(),
          generation, now);
    }
    if (!deleting && result.ready().isTrue() && !Conditions.isTrue(current.conditions(), ConditionTypes.READY)) {
      events.normal(config, "AdditionalConfigReady", "Cluster " + target.name() + " has its " + desired.size()
          + " additional configuration items");
    }
    if (!result.ready().isTrue()) {
      LOG.info("ClusterAdditionalConfig {}/{} not ready: {} ({})", target.namespace(),
          config.getMetadata().getName(), result.ready().reason(), result.ready().message());
    }
    Long observedGeneration = !deleting && result.settled() ? Long.valueOf(generation)
        : current.observedGeneration();
    writeStatus(config, new ChildResourceStatus(observedGeneration, conditions, List.of()));
    switch (result.next().kind()) {
      case BACKOFF:
        return Requeue.backoff();
      case POLL:
        Duration poll = settings.get().controllers().pollInterval();
        Duration delay = result.next().delay();
        return Requeue.after(delay != null && delay.compareTo(poll) > 0 ? delay : poll);
      case RESYNC:
      default:
        return Requeue.resync(settings.get().controllers());
    }
  }

  /** Reads what the plan needs; a failed read is kept as its error for the conditions, never guessed. */
  private static ObservedConfig observe(Provider provider, ClusterTarget target, DesiredChildren desired,
      GrantRecord known) {
    Map<String, RegistryState> registries = new LinkedHashMap<>();
    for (String id : ConfigPlanner.registriesToObserve(desired, known)) {
      try {
        registries.put(id, RegistryState.granted(provider.registryAccess().isGranted(target, id)));
      } catch (CloudException e) {
        LOG.warn("Reading pull access to {} on cluster {} failed: {}", id, target.key(), e.describe());
        registries.put(id, RegistryState.failed(e));
      }
    }
    AutoscalerProfileService profiles = provider.autoscalerProfiles();
    ProfileState profile;
    if (!profiles.supported()) {
      profile = ProfileState.unsupported();
    } else if (desired.autoscalerProfile() == null && !known.autoscalerProfileManaged()) {
      profile = new ProfileState(true, null, null); // Not ours to look at: nothing will be compared with it.
    } else {
      try {
        AutoscalerProfile reported = profiles.observe(target);
        profile = new ProfileState(true, asSpecified(profiles, reported, desired.autoscalerProfile()), null,
            reported);
      } catch (CloudException e) {
        LOG.warn("Reading the autoscaler profile of cluster {} failed: {}", target.key(), e.describe());
        profile = new ProfileState(true, null, e);
      }
    }
    return new ObservedConfig(registries, profile);
  }

  /**
   * The cloud's profile in the spec's terms, for the planner's comparisons: the spec's own profile when the cloud has
   * exactly what the spec asks for once the cloud's defaults are filled in, null when the cloud has its defaults
   * only, else the cloud's profile as it is. A cloud that keeps profiles as given (sim) is unchanged by this.
   */
  static AutoscalerProfile asSpecified(AutoscalerProfileService profiles, AutoscalerProfile current,
      AutoscalerProfile desired) {
    if (current == null) {
      return null;
    }
    if (desired != null && current.equals(profiles.effective(desired))) {
      return desired;
    }
    return current.equals(profiles.effective(null)) ? null : current;
  }

  /** A cloud write; its failure becomes the child's outcome so the other children still proceed. */
  private static ChildOutcome call(CloudCall call) {
    try {
      return ChildOutcome.of(call.run());
    } catch (CloudException e) {
      LOG.warn("Cloud call failed: {}", e.describe());
      return ChildOutcome.failed(e);
    }
  }

  @FunctionalInterface
  private interface CloudCall {
    OperationStatus run() throws CloudException;
  }

  /**
   * Persists the record in the object's annotations and returns the stored object. Note: the informer's object is
   * changed only for the write and restored if it fails, so the cache never shows a record the server lacks.
   */
  private ClusterAdditionalConfig writeRecord(ClusterAdditionalConfig config, GrantRecord next) {
    Map<String, String> before = config.getMetadata().getAnnotations();
    config.getMetadata().setAnnotations(next.applyTo(before));
    try {
      return writer.update(config);
    } catch (RuntimeException e) {
      config.getMetadata().setAnnotations(before);
      throw e;
    }
  }

  private void writeStatus(ClusterAdditionalConfig config, ChildResourceStatus computed) {
    long generation = Objects.requireNonNullElse(config.getMetadata().getGeneration(), 0L);
    List<Condition> conditions = Progress.summarize(computed.conditions(), generation, OffsetDateTime.now(clock));
    ChildResourceStatus status = new ChildResourceStatus(Progress.observedGeneration(conditions,
        computed.observedGeneration(), generation), conditions, computed.children());
    if (status.equals(config.getStatus())) {
      return;
    }
    config.setStatus(status);
    writer.updateStatus(config);
  }

  private static String providerName(Cluster cluster) {
    return cluster.getSpec().provider() == null ? "(none)" : cluster.getSpec().provider().value();
  }

  private static Set<String> union(Set<String> a, List<String> b) {
    Set<String> result = new HashSet<>(a);
    result.addAll(b);
    return result;
  }

  private static ChildResourceStatus emptyStatus() {
    return new ChildResourceStatus(null, List.of(), List.of());
  }

  private static ChildResourceStatus notReady(ChildResourceStatus previous, String reason, String message,
      long generation, OffsetDateTime now) {
    List<Condition> conditions = Conditions.set(previous.conditions(), ConditionTypes.READY, ConditionStatus.FALSE,
        reason, message, generation, now);
    return new ChildResourceStatus(previous.observedGeneration(), conditions, previous.children());
  }
}
