package dev.slipway.provider.sim;

import dev.slipway.provider.CloudException;

/**
 * Where the simulated cloud keeps its state, one document per managed cluster, written with optimistic concurrency
 * so that two writers (a controller and its restarted successor, or a test's out-of-band console) never lose each
 * other's changes.
 */
public interface SimStateStore {

  /**
   * The cluster's state and the version to write against.
   *
   * @return the state (null state and null version when the cloud has nothing for the cluster)
   */
  Versioned read(String namespace, String name) throws CloudException;

  /**
   * Replaces the state if it is still at {@code expectedVersion} (null: only if there is none).
   *
   * @param state the new state, or null to delete it
   * @return false when someone else wrote first; the caller re-reads and tries again
   */
  boolean write(String namespace, String name, SimClusterState state, String expectedVersion) throws CloudException;

  /**
   * A stored state and its version.
   *
   * @param state the state, or null when none is stored
   * @param version opaque version (a resourceVersion), or null when none is stored
   */
  record Versioned(SimClusterState state, String version) {
  }
}
