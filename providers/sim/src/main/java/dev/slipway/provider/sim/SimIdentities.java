package dev.slipway.provider.sim;

import dev.slipway.api.ProviderId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The simulated cloud's names for things, all pure functions of the cluster's namespace/name, the pool name and the
 * machine ordinal, so a restarted controller derives the same ones.
 */
final class SimIdentities {

  static final String SUBSCRIPTION = "sim";

  private SimIdentities() {
  }

  /** {@code <namespace>_<name>}: the cluster's resource group (namespaces and names hold no underscore). */
  static String resourceGroup(String namespace, String name) {
    return namespace + "_" + name;
  }

  static String controlPlaneResourceId(String namespace, String name) {
    return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + resourceGroup(namespace, name)
        + "/providers/Sim.ContainerService/managedClusters/" + name;
  }

  static String poolResourceId(String namespace, String name, String pool) {
    return controlPlaneResourceId(namespace, name) + "/agentPools/" + pool;
  }

  /**
   * A machine's providerID, scale-set style: the trailing ordinal repeats in every pool (every pool has a machine
   * 0), so only the whole ID tells machines apart.
   */
  static String providerId(String namespace, String name, String pool, int ordinal) {
    return "sim:///subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + resourceGroup(namespace, name)
        + "/providers/Sim.Compute/virtualMachineScaleSets/" + pool + "/virtualMachines/" + ordinal;
  }

  static ProviderId canonicalProviderId(String namespace, String name, String pool, int ordinal) {
    return ProviderId.parse(providerId(namespace, name, pool, ordinal));
  }

  /**
   * A Node name unique across every cluster sharing the workload server: {@code sim-<6 hex of namespace/name>-
   * <pool>-vmss<6-digit ordinal>}, like AKS's {@code aks-<pool>-<hash>-vmss000000}.
   */
  static String nodeName(String namespace, String name, String pool, int ordinal) {
    return "sim-" + clusterHash(namespace, name) + "-" + pool.toLowerCase(Locale.ROOT) + "-vmss"
        + String.format(Locale.ROOT, "%06d", ordinal);
  }

  /** {@code <namespace>.<name>} as a label value: at most 63 characters, else shortened with a hash. */
  static String clusterLabel(String namespace, String name) {
    String full = namespace + "." + name;
    if (full.length() <= 63) {
      return full;
    }
    String head = full.substring(0, 56).replaceAll("[^A-Za-z0-9]+$", "");
    return head + "-" + clusterHash(namespace, name);
  }

  static String clusterHash(String namespace, String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The API server URL a node-less cluster reports: reserved TLD, so nothing ever answers it. */
  static String nodelessEndpoint(String namespace, String name) {
    return "https://" + name + "." + namespace + ".sim.invalid";
  }
}
