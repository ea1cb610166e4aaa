package dev.slipway.testing.azure;

import java.util.Locale;

/**
 * The names AKS derives for the Azure resources behind a cluster: the node resource group, each pool's scale set
 * ({@code aks-<pool>-<8 digits>-vmss}, the digits the same for every pool of a cluster), the node names (the scale set
 * name and the instance ordinal in six base-36 digits) and the two ids of an instance: the ARM resource id, which
 * keeps the node resource group's case, and the Kubernetes providerID, where AKS lower-cases it.
 */
final class NodeNames {

  private NodeNames() {
  }

  /** {@code MC_<rg>_<cluster>_<location>}, cut to ARM's 80-character limit for resource group names. */
  static String nodeResourceGroup(String resourceGroup, String cluster, String location) {
    String name = "MC_" + resourceGroup + "_" + cluster + "_" + location;
    return name.length() <= 80 ? name : name.substring(0, 80);
  }

  /** Eight digits, stable for a cluster (they do not depend on the case the caller used). */
  static String scaleSetDigits(String subscription, String resourceGroup, String cluster) {
    String key = (subscription + "/" + resourceGroup + "/" + cluster).toLowerCase(Locale.ROOT);
    int digits = 10_000_000 + Math.floorMod(key.hashCode(), 90_000_000);
    return Integer.toString(digits);
  }

  static String scaleSetName(String pool, String digits) {
    return "aks-" + pool + "-" + digits + "-vmss";
  }

  /** {@code aks-pool-12345678-vmss} and ordinal 36 give {@code aks-pool-12345678-vmss000010}. */
  static String nodeName(String scaleSet, int ordinal) {
    String base36 = Integer.toString(ordinal, 36);
    return scaleSet + "0".repeat(Math.max(0, 6 - base36.length())) + base36;
  }

  static String instanceResourceId(String subscription, String nodeResourceGroup, String scaleSet, int ordinal) {
    return "/subscriptions/" + subscription + "/resourceGroups/" + nodeResourceGroup
        + "/providers/Microsoft.Compute/virtualMachineScaleSets/" + scaleSet + "/virtualMachines/" + ordinal;
  }

  /** The node's {@code spec.providerID}: as the resource id but with the node resource group lower-cased. */
  static String providerId(String subscription, String nodeResourceGroup, String scaleSet, int ordinal) {
    return "azure://" + instanceResourceId(subscription, nodeResourceGroup.toLowerCase(Locale.ROOT), scaleSet, ordinal);
  }
}
