package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.SimClusterSpec;
import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import dev.slipway.provider.AutoscalerProfileService;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ControlPlaneService;
import dev.slipway.provider.NodePoolService;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.RegistryAccessService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Slipway's simulated cloud. Every operation stores, when it starts, the times at which its effects happen (computed
 * from the injected {@link Clock} and the cluster's {@link LatencyModel}), and every call first brings the cluster up
 * to the present ({@link CloudProgress}) — registering or deleting the Nodes that are due — before answering. The
 * only thing that runs in the background, when {@link #registeringNodesOnTime} turned it on, wakes a cluster when a
 * Node change is due so that Nodes do not wait for the next call. State lives in a {@link SimStateStore}, so another instance over the same store
 * (a restarted controller) carries on where this one stopped.
 *
 * <p>Thread safety: calls for one cluster are serialised by a per-cluster lock held only for the call's own reads
 * and writes (never while a cloud operation runs); writes are optimistic, so writers in other processes are safe
 * too.
 */
public final class SimCloud implements AutoCloseable {

  /** Conflicting writes tolerated per call before answering with a retryable {@code Conflict}. */
  static final int WRITE_ATTEMPTS = 5;
  static final Duration MIN_POLL = Duration.ofSeconds(1);
  static final Duration MAX_POLL = Duration.ofSeconds(30);

  private final Clock clock;
  private final SimStateStore store;
  private final WorkloadServer workload;
  private final WorkloadNodes nodes;
  private final Map<LatencyProfile, LatencyModel> latency;
  private final SimRandomness randomness;
  private final FaultInjector faults;
  private volatile SimCallRecorder recorder = SimCallRecorder.NONE;
  private volatile SimAuditLog audit = SimAuditLog.NONE;
  private volatile SimKubelets kubelets;
  private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  private final SimControlPlanes controlPlanes = new SimControlPlanes(this);
  private final SimNodePools nodePools = new SimNodePools(this);
  private final SimRegistryAccess registryAccess = new SimRegistryAccess(this);
  private final SimAutoscalerProfiles autoscalerProfiles = new SimAutoscalerProfiles(this);
  private final SimConsole console = new SimConsole(this);

  /**
   * @param clock the cloud's time
   * @param store where its state lives
   * @param workload the shared workload API server, or null for node-less mode
   * @param latency latency model per profile; profiles missing here use their preset
   * @param faults faults to inject
   * @param randomness source of every random draw
   */
  public SimCloud(Clock clock, SimStateStore store, WorkloadServer workload, Map<LatencyProfile, LatencyModel> latency,
      SimFaults faults, SimRandomness randomness) {
    this(clock, store, workload,
        workload == null ? WorkloadNodes.none() : new KubernetesWorkloadNodes(workload.client()), latency, faults,
        randomness);
  }

  /** With the Nodes' destination given separately: lets unit tests record Node changes without a server. */
  SimCloud(Clock clock, SimStateStore store, WorkloadServer workload, WorkloadNodes nodes,
      Map<LatencyProfile, LatencyModel> latency, SimFaults faults, SimRandomness randomness) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = Objects.requireNonNull(store, "store");
    this.workload = workload;
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.latency = new EnumMap<>(LatencyProfile.class);
    for (LatencyProfile profile : LatencyProfile.values()) {
      this.latency.put(profile, latency != null && latency.containsKey(profile) ? latency.get(profile)
          : LatencyModel.preset(profile));
    }
    this.randomness = Objects.requireNonNull(randomness, "randomness");
    this.faults = new FaultInjector(faults == null ? SimFaults.none() : faults, randomness.generator("faults"));
  }

  /** Tells {@code recorder} about every call Slipway makes from now on (metrics). */
  public SimCloud recordingCalls(SimCallRecorder recorder) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    return this;
  }

  /** Appends every effective mutating operation from now on to {@code log} (evidence for chaos tests). */
  public SimCloud auditingTo(SimAuditLog log) {
    this.audit = Objects.requireNonNull(log, "log");
    return this;
  }

  /**
   * Registers and removes Nodes when they are due instead of at the next call for their cluster, as kubelets and a
   * cloud's node lifecycle do ({@link SimKubelets}; one daemon thread). For a Node-registering cloud run as a
   * service; tests that drive the clock by hand leave it off.
   */
  public synchronized SimCloud registeringNodesOnTime() {
    if (kubelets == null) {
      kubelets = new SimKubelets(clock, this::bringUpToDate);
    }
    return this;
  }

  /** Stops the on-time Node changes, if they were started. */
  @Override
  public synchronized void close() {
    if (kubelets != null) {
      kubelets.close();
      kubelets = null;
    }
  }

  /** Makes what is due in the cluster so, and nothing else. */
  private void bringUpToDate(ClusterTarget cluster) {
    try {
      callOnce(cluster, "kubelet", false, (state, now) -> new Outcome<>(state, null));
    } catch (CloudException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public ControlPlaneService controlPlanes() {
    return controlPlanes;
  }

  public NodePoolService nodePools() {
    return nodePools;
  }

  public RegistryAccessService registryAccess() {
    return registryAccess;
  }

  public AutoscalerProfileService autoscalerProfiles() {
    return autoscalerProfiles;
  }

  /** Changes made behind Slipway's back, as if someone used the cloud console: for tests of drift handling. */
  public SimConsole outOfBand() {
    return console;
  }

  /** Whether Nodes are registered in a workload API server (false: node-less mode). */
  public boolean hasNodes() {
    return workload != null;
  }

  WorkloadServer workload() {
    return workload;
  }

  /** The latency model of a cluster's profile (Fast when the spec names none). */
  LatencyModel latency(ClusterTarget cluster) {
    SimClusterSpec sim = cluster.spec().sim();
    LatencyProfile profile = sim == null || sim.latencyProfile() == null ? LatencyProfile.Fast
        : sim.latencyProfile();
    return latency.get(profile);
  }

  /** A generator for one operation: seeded by cluster key, subject (pool name) and the subject's operation number. */
  RandomGenerator random(ClusterTarget cluster, String subject, int operation) {
    return randomness.generator(cluster.key() + "/" + subject + "/" + operation);
  }

  /** Whether an operation being started fails (decided now, reported when it ends). */
  PoolOperations.Failure operationFailure(String what) {
    return faults.operationFailure(what);
  }

  String requestId() {
    return faults.requestId();
  }

  /** A state change and the call's answer. */
  record Outcome<T>(SimClusterState state, T value) {
  }

  /** One call's logic: from the cluster's state as of {@code now} to the new state and the answer. */
  @FunctionalInterface
  interface Change<T> {
    Outcome<T> apply(SimClusterState state, Instant now) throws CloudException;
  }

  /**
   * Runs one cloud call: injects faults (when {@code withFaults}), reads the cluster's state, brings it up to now,
   * applies {@code change}, applies the Node changes that are due, and writes the state if it changed. On a write
   * conflict the whole call is redone on a fresh read, a few times, then answered with a retryable
   * {@code Conflict}.
   *
   * <p>Note: Nodes are changed before the state is written, so a failed Node call leaves the state behind and the
   * next call redoes it; every Node change is idempotent.
   */
  <T> T call(ClusterTarget cluster, String operation, String callName, boolean withFaults, Change<T> change)
      throws CloudException {
    if (!withFaults) {
      return callOnce(cluster, callName, false, change);
    }
    long started = System.nanoTime();
    String code = null;
    try {
      return callOnce(cluster, callName, true, change);
    } catch (CloudException e) {
      code = e.code();
      throw e;
    } finally {
      recorder.called(operation, SimCallRecorder.outcomeOf(code), Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private <T> T callOnce(ClusterTarget cluster, String callName, boolean withFaults, Change<T> change)
      throws CloudException {
    FaultInjector.Fate fate = withFaults ? faults.beforeCall(callName, cluster.key()) : FaultInjector.Fate.APPLY;
    ReentrantLock lock = locks.computeIfAbsent(cluster.key(), k -> new ReentrantLock());
    lock.lock();
    try {
      for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
        SimStateStore.Versioned stored = store.read(cluster.namespace(), cluster.name());
        Instant now = clock.instant();
        SimClusterState before = stored.state() != null ? stored.state()
            : SimClusterState.empty(cluster.namespace(), cluster.name());
        List<NodeAction> actions = new ArrayList<>();
        SimClusterState current = CloudProgress.advance(before, now, actions);
        Outcome<T> outcome = change.apply(current, now);
        // Advance again: an operation that takes no time (Instant profile) is complete when the call returns.
        SimClusterState after = CloudProgress.advance(outcome.state(), now, actions);
        if (!after.equals(before) && !after.isEmpty()) {
          after = after.actedOnBy(account(cluster));
        }
        for (NodeAction action : actions) {
          action.applyTo(nodes);
        }
        if (after.equals(before)
            || store.write(cluster.namespace(), cluster.name(), after.isEmpty() ? null : after, stored.version())) {
          SimKubelets onTime = kubelets;
          if (onTime != null) {
            onTime.changed(cluster, after, now);
          }
          // Note: recorded once the write won, before a timeout is reported: an applied call is in the log.
          audit.record(now, withFaults ? "api" : "console", cluster.key(),
              SimAuditLog.changes(current, outcome.state()));
          if (fate == FaultInjector.Fate.APPLY_THEN_TIME_OUT) {
            throw faults.timeout(callName, cluster.key());
          }
          return outcome.value();
        }
      }
    } finally {
      lock.unlock();
    }
    throw CloudException.retryable("Conflict", "simulated cloud state of " + cluster.key() + " kept changing "
        + "under " + callName + " (" + WRITE_ATTEMPTS + " attempts)", requestId(), MIN_POLL);
  }

  /** The simulated account a call for {@code cluster} is made as: its ProviderIdentity's, else the default. */
  static String account(ClusterTarget cluster) {
    return cluster.identity() == null ? SimClusterState.DEFAULT_ACCOUNT : cluster.identity().spec().sim().account();
  }

  /** IN_PROGRESS until {@code operation} ends, or DONE when it already has and succeeded. */
  static OperationStatus statusOf(OperationRecord operation, Instant now, String subject) {
    if (operation.succeededBy(now)) {
      return OperationStatus.done();
    }
    return OperationStatus.inProgress(pollAfter(operation, now), operation.kind().progressWord(),
        subject + " is " + operation.kind().progressWord());
  }

  /** RETRY_LATER because {@code blocking} runs on the cluster. */
  static OperationStatus busy(OperationRecord blocking, Instant now, String subject) {
    return OperationStatus.retryLater(pollAfter(blocking, now), "ClusterBusy",
        subject + " is " + blocking.kind().progressWord());
  }

  /** Time to the end of the operation, between {@link #MIN_POLL} and {@link #MAX_POLL}. */
  static Duration pollAfter(OperationRecord operation, Instant now) {
    Duration remaining = operation.remaining(now);
    if (remaining.compareTo(MIN_POLL) < 0) {
      return MIN_POLL;
    }
    return remaining.compareTo(MAX_POLL) > 0 ? MAX_POLL : remaining;
  }
}
