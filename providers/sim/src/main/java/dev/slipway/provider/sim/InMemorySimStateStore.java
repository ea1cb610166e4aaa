package dev.slipway.provider.sim;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * State in this JVM only: for unit tests and node-less benchmarks. Lost when the process ends, so a restarted
 * controller finds an empty cloud.
 */
public final class InMemorySimStateStore implements SimStateStore {

  private final ConcurrentMap<String, Versioned> states = new ConcurrentHashMap<>();
  private final AtomicLong versions = new AtomicLong();

  @Override
  public Versioned read(String namespace, String name) {
    return states.getOrDefault(key(namespace, name), new Versioned(null, null));
  }

  @Override
  public boolean write(String namespace, String name, SimClusterState state, String expectedVersion) {
    String key = key(namespace, name);
    boolean[] written = {false};
    states.compute(key, (k, current) -> {
      String currentVersion = current == null ? null : current.version();
      if (!java.util.Objects.equals(currentVersion, expectedVersion)) {
        return current;
      }
      written[0] = true;
      return state == null ? null : new Versioned(state, Long.toString(versions.incrementAndGet()));
    });
    return written[0];
  }

  /** How many node pools the clusters held here have, whatever their state (creating, deleting): for benchmarks. */
  public int poolCount() {
    int pools = 0;
    for (Versioned versioned : states.values()) {
      if (versioned.state() != null && versioned.state().pools() != null) {
        pools += versioned.state().pools().size();
      }
    }
    return pools;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
