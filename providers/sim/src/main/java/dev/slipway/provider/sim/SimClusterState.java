package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the simulated cloud holds for one managed cluster; what {@link SimStateStore} persists (as JSON in
 * {@link ConfigMapSimStateStore}). Immutable.
 *
 * <p>Note: the records reuse the API's {@code MachineTemplate}, {@code Taint}, {@code Autoscaling} and
 * {@code AutoscalerProfile} as field types; a change to those that is not backwards compatible in JSON must bump
 * {@link #SCHEMA_VERSION}.
 *
 * @param schemaVersion the layout of this record; a store refuses states of another version
 * @param namespace the Cluster's namespace
 * @param name the Cluster's name
 * @param controlPlane the control plane, or null when there is none
 * @param pools pools by cloud name
 * @param registryGrants registries the nodes may pull from, sorted
 * @param autoscalerProfile the autoscaler profile set, or null for the cloud's defaults
 */
record SimClusterState(int schemaVersion, String namespace, String name, ControlPlaneRecord controlPlane,
    Map<String, PoolRecord> pools, List<String> registryGrants, AutoscalerProfile autoscalerProfile) {

  static final int SCHEMA_VERSION = 1;

  SimClusterState {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    pools = pools == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(pools));
    registryGrants = registryGrants == null ? List.of() : List.copyOf(new TreeSet<>(registryGrants));
  }

  static SimClusterState empty(String namespace, String name) {
    return new SimClusterState(SCHEMA_VERSION, namespace, name, null, Map.of(), List.of(), null);
  }

  /** Nothing left: the store may delete it. */
  boolean isEmpty() {
    return controlPlane == null && pools.isEmpty() && registryGrants.isEmpty() && autoscalerProfile == null;
  }

  SimClusterState withControlPlane(ControlPlaneRecord next) {
    return new SimClusterState(schemaVersion, namespace, name, next, pools, registryGrants, autoscalerProfile);
  }

  SimClusterState withPool(PoolRecord pool) {
    Map<String, PoolRecord> next = new TreeMap<>(pools);
    next.put(pool.name(), pool);
    return new SimClusterState(schemaVersion, namespace, name, controlPlane, next, registryGrants,
        autoscalerProfile);
  }

  SimClusterState withPools(Map<String, PoolRecord> next) {
    return new SimClusterState(schemaVersion, namespace, name, controlPlane, next, registryGrants,
        autoscalerProfile);
  }

  SimClusterState withRegistryGrants(List<String> next) {
    return new SimClusterState(schemaVersion, namespace, name, controlPlane, pools, next, autoscalerProfile);
  }

  SimClusterState withAutoscalerProfile(AutoscalerProfile next) {
    return new SimClusterState(schemaVersion, namespace, name, controlPlane, pools, registryGrants, next);
  }
}
