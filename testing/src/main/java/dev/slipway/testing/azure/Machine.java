package dev.slipway.testing.azure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scale-set instance behind an agent pool, i.e. one node AKS would register: what a bridge needs to mirror it as
 * a Kubernetes Node. {@code resourceId} is the ARM id (node resource group as AKS names it); {@code providerId} is
 * the node's {@code spec.providerID} (node resource group lower-cased, as AKS's cloud provider writes it).
 * {@code zone} is null for a pool without availability zones.
 */
public record Machine(String subscription, String resourceGroup, String cluster, String location, String pool,
    String mode, String scaleSetName, int ordinal, String nodeName, String resourceId, String providerId,
    String zone, String ip, Map<String, String> poolLabels, List<String> poolTaints, String orchestratorVersion,
    String vmSize, String osSku, String scaleSetPriority, String nodeResourceGroup) {

  /**
   * The labels AKS's node bootstrap puts on the node: the pool's own {@code nodeLabels} plus the well-known and
   * {@code kubernetes.azure.com/*} ones.
   */
  public Map<String, String> kubernetesLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("agentpool", pool);
    labels.put("kubernetes.azure.com/agentpool", pool);
    labels.put("kubernetes.azure.com/cluster", nodeResourceGroup);
    labels.put("kubernetes.azure.com/mode", mode.toLowerCase(Locale.ROOT));
    labels.put("kubernetes.azure.com/os-sku", osSku);
    labels.put("kubernetes.azure.com/role", "agent");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/hostname", nodeName);
    labels.put("kubernetes.io/os", osSku.startsWith("Windows") ? "windows" : "linux");
    labels.put("kubernetes.io/role", "agent");
    labels.put("node.kubernetes.io/instance-type", vmSize);
    labels.put("topology.kubernetes.io/region", location);
    labels.put("topology.kubernetes.io/zone", zone == null ? "0" : location + "-" + zone);
    if ("Spot".equals(scaleSetPriority)) {
      labels.put("kubernetes.azure.com/scalesetpriority", "spot");
    }
    labels.putAll(poolLabels);
    return labels;
  }
}
