package dev.slipway.provider.sim;

import io.kubernetes.client.openapi.ApiClient;
import java.util.Objects;

/**
 * The one workload API server every simulated cluster shares: their Nodes live there, told apart by providerID and
 * the {@code sim.slipway.dev/cluster} label, and every cluster's kubeconfig points at it.
 *
 * @param client a client built once at startup
 * @param kubeconfigYaml its kubeconfig, handed out as each simulated cluster's kubeconfig (a secret: never logged)
 */
public record WorkloadServer(ApiClient client, String kubeconfigYaml) {

  public WorkloadServer {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(kubeconfigYaml, "kubeconfigYaml");
  }

  /** The server URL, reported as every simulated control plane's endpoint. */
  public String endpoint() {
    return client.getBasePath();
  }

  @Override
  public String toString() {
    return "WorkloadServer[" + endpoint() + ", kubeconfig redacted]";
  }
}
