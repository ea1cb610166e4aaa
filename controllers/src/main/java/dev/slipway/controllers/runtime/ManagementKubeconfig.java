package dev.slipway.controllers.runtime;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How Slipway connects to its management cluster: {@code slipway.kubeconfig} when set, else client-java's standard
 * order (KUBECONFIG, ~/.kube/config, in-cluster service account). Every management client is built here — the
 * controllers' clients and the one that reads the operator-settings ConfigMap — so they cannot point at different
 * clusters.
 */
public final class ManagementKubeconfig {

  private ManagementKubeconfig() {
  }

  /** A new client for the management cluster; callers add their own timeouts and interceptors. */
  public static ApiClient apiClient(String kubeconfig) {
    try {
      ApiClient client;
      if (kubeconfig == null || kubeconfig.isBlank()) {
        client = ClientBuilder.standard().build();
      } else {
        try (Reader reader = Files.newBufferedReader(Path.of(kubeconfig))) {
          client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(reader)).build();
        }
      }
      client.setUserAgent(UserAgent.VALUE);
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException("build the management cluster client from "
          + (kubeconfig == null || kubeconfig.isBlank() ? "the standard locations" : kubeconfig), e);
    }
  }
}
