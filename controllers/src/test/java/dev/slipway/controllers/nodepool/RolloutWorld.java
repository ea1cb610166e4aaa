package dev.slipway.controllers.nodepool;

import dev.slipway.api.v1alpha1.RolloutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tiny model of what the Nodepool reconciler acts on, for testing the planner over whole rollouts: MachinePools
 * that become Ready one pass after creation, Nodes whose drain completes after {@code drainPasses} passes (or never,
 * for a PodDisruptionBudget that never allows eviction), deletions that finish one pass later. Crashes are modelled by
 * performing only the first k intents of a pass and forgetting the rest, which is all a crash can do to a planner
 * that keeps no state of its own.
 */
final class RolloutWorld {

  /** A model MachinePool. */
  static final class Pool {
    final String name;
    final String hash;
    final int size;
    boolean ready;
    int age;
    boolean deleting;
    int deletingPasses;
    boolean gone;
    final List<Node> nodes = new ArrayList<>();

    Pool(String name, String hash, int size) {
      this.name = name;
      this.hash = hash;
      this.size = size;
    }
  }

  /** A model Node. */
  static final class Node {
    final String name;
    boolean cordoned;
    boolean cordonedBySlipway;
    Instant drainStartedAt;
    int drainPasses;
    boolean drained;
    final boolean evictable;

    Node(String name, boolean evictable) {
      this.name = name;
      this.evictable = evictable;
    }
  }

  final String nodepool;
  final Map<String, Pool> pools = new LinkedHashMap<>();
  final List<String> created = new ArrayList<>();
  final List<String> log = new ArrayList<>();
  String recordedActive;
  String desiredHash;
  int replacement;
  int size = 3;
  int drainPassesNeeded = 2;
  int maxConcurrentDrains = 1;
  boolean evictable = true;
  Duration drainTimeout = Duration.ofMinutes(15);
  RolloutPolicy.DrainTimeoutAction onTimeout = RolloutPolicy.DrainTimeoutAction.Wait;
  Instant now = Instant.parse("2026-11-22T10:00:00Z");

  RolloutWorld(String nodepool) {
    this.nodepool = nodepool;
  }

  /** A pool serving with Ready nodes, recorded as active. */
  RolloutWorld serving(String hash) {
    Pool pool = addPool(PoolNames.machinePool(nodepool, hash), hash);
    pool.ready = true;
    recordedActive = pool.name;
    desiredHash = hash;
    return this;
  }

  Pool addPool(String name, String hash) {
    Pool pool = new Pool(name, hash, size);
    for (int i = 0; i < size; i++) {
      pool.nodes.add(new Node(name + "-node" + i, evictable));
    }
    pools.put(name, pool);
    return pool;
  }

  RolloutInput input() {
    List<PoolView> views = pools.values().stream().filter(p -> !p.gone).map(p -> new PoolView(p.name, p.hash,
        p.deleting, p.ready, true, p.nodes.stream().map(n -> new NodeView(n.name, "sim:///" + n.name, n.cordoned,
            n.cordonedBySlipway, n.drainStartedAt, n.drained)).toList())).toList();
    return new RolloutInput(nodepool, desiredHash, replacement, recordedActive, views, maxConcurrentDrains,
        drainTimeout,
        onTimeout, now);
  }

  /** One reconcile pass: plan, perform the first {@code crashAfter} intents (all when negative), record status. */
  RolloutPlan pass(int crashAfter) {
    RolloutPlan plan = RolloutPlanner.plan(input());
    log.add(plan.step() + " " + plan.intents().stream().map(RolloutWorld::describe).collect(Collectors.toList()));
    List<Intent> intents = crashAfter < 0 ? plan.intents()
        : plan.intents().subList(0, Math.min(crashAfter, plan.intents().size()));
    for (Intent intent : intents) {
      perform(intent);
    }
    if (crashAfter < 0 || crashAfter >= plan.intents().size()) {
      // Status is written last: a crash before it loses the record of the pass, never the world's changes.
      if (plan.step().equals(RolloutPlan.COMPLETE)) {
        recordedActive = plan.active();
      }
    }
    advance();
    return plan;
  }

  /** Runs passes until the plan is Complete with nothing to do, at most {@code limit} passes. */
  List<String> runToCompletion(int limit) {
    for (int i = 0; i < limit; i++) {
      RolloutPlan plan = pass(-1);
      if (plan.step().equals(RolloutPlan.COMPLETE) && plan.intents().isEmpty()) {
        return log;
      }
    }
    throw new AssertionError("no convergence in " + limit + " passes: " + log);
  }

  private void perform(Intent intent) {
    if (intent instanceof Intent.CreatePool create) {
      if (!pools.containsKey(create.name()) || pools.get(create.name()).gone) {
        addPool(create.name(), create.templateHash());
        created.add(create.name());
      }
    } else if (intent instanceof Intent.Cordon cordon) {
      Node node = node(cordon.node());
      node.cordoned = true;
      node.cordonedBySlipway = true;
    } else if (intent instanceof Intent.Uncordon uncordon) {
      Node node = node(uncordon.node());
      node.cordoned = false;
      node.cordonedBySlipway = false;
      node.drainStartedAt = null;
      node.drained = false;
      node.drainPasses = 0;
    } else if (intent instanceof Intent.Drain drain) {
      Node node = node(drain.node());
      if (node.drainStartedAt == null) {
        node.drainStartedAt = now;
      }
      node.drainPasses++;
      if ((node.evictable && node.drainPasses >= drainPassesNeeded) || drain.force()) {
        node.drained = true;
      }
    } else if (intent instanceof Intent.DeletePool delete) {
      Pool pool = pools.get(delete.name());
      if (pool != null) {
        pool.deleting = true;
      }
    }
  }

  /** The cloud and the cluster move on between passes. */
  private void advance() {
    for (Pool pool : pools.values()) {
      if (pool.deleting) {
        // The cloud takes one more pass to confirm the deletion.
        pool.gone = ++pool.deletingPasses >= 2;
      } else if (++pool.age >= 2) {
        // Created in one pass, machines come up during the next, Ready from the one after.
        pool.ready = true;
      }
    }
    pools.values().removeIf(p -> p.gone);
    now = now.plusSeconds(10);
  }

  Node node(String name) {
    return pools.values().stream().flatMap(p -> p.nodes.stream()).filter(n -> n.name.equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no node " + name));
  }

  private static String describe(Intent intent) {
    if (intent instanceof Intent.CreatePool create) {
      return "create " + create.name();
    } else if (intent instanceof Intent.SyncPool sync) {
      return "sync " + sync.name();
    } else if (intent instanceof Intent.Cordon cordon) {
      return "cordon " + cordon.node();
    } else if (intent instanceof Intent.Uncordon uncordon) {
      return "uncordon " + uncordon.node();
    } else if (intent instanceof Intent.Drain drain) {
      return (drain.force() ? "force-drain " : "drain ") + drain.node();
    } else if (intent instanceof Intent.DeletePool delete) {
      return "delete " + delete.name();
    }
    throw new IllegalArgumentException(intent.toString());
  }
}
