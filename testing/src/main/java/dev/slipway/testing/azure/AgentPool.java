package dev.slipway.testing.azure;

import java.util.TreeMap;

/**
 * An agent pool and the scale set behind it. Mutable; guarded by the fake's state lock. {@code settings} is the
 * goal state (shown by GET as soon as an operation is accepted); {@code instances} is what exists, reconciled to it
 * when the operation completes.
 */
final class AgentPool {

  /** One scale-set instance: ordinals only grow, a scale-in removes the highest first. */
  record Instance(int ordinal, String zone, String ip) {
  }

  final String name;
  final String scaleSetName;
  PoolSettings settings;
  String currentOrchestratorVersion;
  String provisioningState;
  /** The error of the operation that left the pool Failed (code, message), shown while it is Failed. */
  String[] provisioningError;
  String eTag;
  /** The count a test set as the cluster autoscaler's decision; null means "stays at minCount". */
  Integer autoscalerCount;
  final TreeMap<Integer, Instance> instances = new TreeMap<>();
  int nextOrdinal;

  AgentPool(String name, String scaleSetName, PoolSettings settings) {
    this.name = name;
    this.scaleSetName = scaleSetName;
    this.settings = settings;
  }

  /** The image AKS would run for the pool's OS SKU (a fixed, plausible version). */
  String nodeImageVersion() {
    String sku = settings.osSku();
    if (sku.startsWith("Windows")) {
      return "AKSWindows-2022-containerd-20348.4171.250910";
    }
    if (sku.startsWith("AzureLinux") || sku.equals("CBLMariner")) {
      return "AKSAzureLinux-V3gen2-202509.10.0";
    }
    return "AKSUbuntu-2204gen2containerd-202509.10.0";
  }
}
