package dev.slipway.testing.azure;

import java.util.List;
import java.util.Map;

/** A managed cluster as the fake holds it; values as a GET would show them. */
public record ClusterSnapshot(String subscription, String resourceGroup, String name, String location,
    String provisioningState, String kubernetesVersion, String currentKubernetesVersion, String nodeResourceGroup,
    String fqdn, String principalId, String kubeletClientId, String kubeletObjectId,
    Map<String, String> autoScalerProfile, List<String> agentPools) {
}
