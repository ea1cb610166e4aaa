package dev.slipway.testing.azure;

import java.util.List;
import java.util.Map;

/** An agent pool as the fake holds it; {@code machines} counts the scale set's instances that exist now. */
public record AgentPoolSnapshot(String subscription, String resourceGroup, String cluster, String name,
    String provisioningState, String mode, int count, String vmSize, String osSku, String orchestratorVersion,
    String currentOrchestratorVersion, String scaleSetPriority, boolean enableAutoScaling, Integer minCount,
    Integer maxCount, List<String> availabilityZones, Map<String, String> nodeLabels, List<String> nodeTaints,
    String scaleSetName, int machines) {
}
