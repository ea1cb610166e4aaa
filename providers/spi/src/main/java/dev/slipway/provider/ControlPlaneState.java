package dev.slipway.provider;

/**
 * A control plane as the cloud reports it.
 *
 * @param phase lifecycle phase
 * @param provisioningState the cloud's own word, e.g. ACTIVE or Succeeded, for status
 * @param version the Kubernetes version it runs, or null when absent
 * @param endpoint the API server URL, or null until known
 * @param cloudResourceId the cloud's identifier (ARN, resource ID)
 * @param message the last error or progress note from the cloud, or null
 */
public record ControlPlaneState(ProvisioningPhase phase, String provisioningState, String version, String endpoint,
    String cloudResourceId, String message) {

  public static ControlPlaneState absent() {
    return new ControlPlaneState(ProvisioningPhase.ABSENT, null, null, null, null, null);
  }
}
