package dev.slipway.controllers.bench;

import java.util.Locale;

/** The benchmark fleet as JSON bodies: cluster {@code c00042} has Nodepools {@code c00042-p0}.. (p0 is System). */
final class FleetManifests {

  static final String VERSION = "1.33";
  static final String UPGRADED_VERSION = "1.34";
  static final int REPLICAS = 3;

  private FleetManifests() {
  }

  static String clusterName(int index) {
    return String.format(Locale.ROOT, "c%05d", index);
  }

  static String nodepoolName(int cluster, int pool) {
    return clusterName(cluster) + "-p" + pool;
  }

  static String cluster(int index, String latencyProfile) {
    return """
        {"apiVersion":"slipway.dev/v1alpha1","kind":"Cluster","metadata":{"name":"%s"},
         "spec":{"provider":"sim","region":"sim-local-1","version":"%s","sim":{"latencyProfile":"%s"}}}"""
        .formatted(clusterName(index), VERSION, latencyProfile);
  }

  static String nodepool(int cluster, int pool) {
    return """
        {"apiVersion":"slipway.dev/v1alpha1","kind":"Nodepool","metadata":{"name":"%s"},
         "spec":{"clusterName":"%s","replicas":%d,"mode":"%s",
                 "template":{"machineType":"sim.small","osImage":"AL2"}}}"""
        .formatted(nodepoolName(cluster, pool), clusterName(cluster), REPLICAS, pool == 0 ? "System" : "User");
  }

  /** A MachinePool as the bare loader writes it: the shape the Nodepool controller creates, finalizer included. */
  static String machinePool(int cluster, int pool) {
    return """
        {"apiVersion":"slipway.dev/v1alpha1","kind":"MachinePool","metadata":{"name":"%s-0a1b2c3d",
           "labels":{"slipway.dev/nodepool":"%s"},"finalizers":["slipway.dev/finalizer"]},
         "spec":{"clusterName":"%s","provider":"sim","cloudPoolName":"p%d-0a1b2c3d","version":"%s","replicas":%d,
                 "mode":"%s","template":{"machineType":"sim.small","osImage":"AL2"}}}"""
        .formatted(nodepoolName(cluster, pool), nodepoolName(cluster, pool), clusterName(cluster), pool, VERSION,
            REPLICAS, pool == 0 ? "System" : "User");
  }

  /** The merge patch adding a finalizer. */
  static String finalizerPatch() {
    return "{\"metadata\":{\"finalizers\":[\"slipway.dev/finalizer\"]}}";
  }

  /** A status merge patch of the size a Ready object carries (phase, Ready and two more conditions). */
  static String readyStatusPatch(String now) {
    String condition = "{\"type\":\"%s\",\"status\":\"True\",\"reason\":\"Ready\",\"message\":\"\","
        + "\"lastTransitionTime\":\"" + now + "\",\"observedGeneration\":1}";
    return "{\"status\":{\"observedGeneration\":1,\"phase\":\"Ready\",\"conditions\":["
        + String.format(Locale.ROOT, condition, "Ready") + "," + String.format(Locale.ROOT, condition, "Paused")
        + "," + String.format(Locale.ROOT, condition, "ProviderReady") + "]}}";
  }
}
