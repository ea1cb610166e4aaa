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
 * @param accounts the simulated accounts whose calls changed this cluster, sorted: {@value #DEFAULT_ACCOUNT} for
 *     the controllers' own identity, else the account of the Cluster's ProviderIdentity (a state written before
 *     this field existed reads as none)
 */
record SimClusterState(int schemaVersion, String namespace, String name, ControlPlaneRecord controlPlane,
    Map<String, PoolRecord> pools, List<String> registryGrants, AutoscalerProfile autoscalerProfile,
    List<String> accounts) {

  static final int SCHEMA_VERSION = 1;
  /** The account of calls made with the controllers' own identity (no ProviderIdentity). */
  static final String DEFAULT_ACCOUNT = "default";

  SimClusterState {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    pools = pools == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(pools));
    registryGrants = registryGrants == null ? List.of() : List.copyOf(new TreeSet<>(registryGrants));
    accounts = accounts == null ? List.of() : List.copyOf(new TreeSet<>(accounts));
  }

  SimClusterState(int schemaVersion, String namespace, String name, ControlPlaneRecord controlPlane,
      Map<String, PoolRecord> pools, List<String> registryGrants, AutoscalerProfile autoscalerProfile) {
    this(schemaVersion, namespace, name, controlPlane, pools, registryGrants, autoscalerProfile, List.of());
  }

  static SimClusterState empty(String namespace, String name) {
    return new SimClusterState(SCHEMA_VERSION, namespace, name, null, Map.of(), List.of(), null);
  }

  /** This state with {@code account} among the accounts that changed it. */
  SimClusterState actedOnBy(String account) {
    if (accounts.contains(account)) {
      return this;
    }
    List<String> next = new java.util.ArrayList<>(accounts);
    next.add(account);
    return new SimClusterState(schemaVersion, namespace, name, controlPlane, pools, registryGrants,
        autoscalerProfile, next);
  }

  /** Nothing left: the store may delete it. */
  boolean isEmpty() {
    return controlPlane == null && pools.isEmpty() && registryGrants.isEmpty() && autoscalerProfile == null;
  }

  SimClusterState withControlPlane(ControlPlaneRecord next) {
    return new SimClusterState(schemaVersion, namespace, name, next, pools, registryGrants, autoscalerProfile,
        accounts);
  }

  SimClusterState withPool(PoolRecord pool) {
    Map<String, PoolRecord> next = new TreeMap<>(pools);
    next.put(pool.name(), pool);
    return new SimClusterState(schemaVersion, namespace, name, controlPlane, next, registryGrants,
        autoscalerProfile, accounts);
  }

  SimClusterState withPools(Map<String, PoolRecord> next) {
    return new SimClusterState(schemaVersion, namespace, name, controlPlane, next, registryGrants,
        autoscalerProfile, accounts);
  }

  SimClusterState withRegistryGrants(List<String> next) {
    return new SimClusterState(schemaVersion, namespace, name, controlPlane, pools, next, autoscalerProfile,
        accounts);
  }

  SimClusterState withAutoscalerProfile(AutoscalerProfile next) {
    return new SimClusterState(schemaVersion, namespace, name, controlPlane, pools, registryGrants, next,
        accounts);
  }
}
