package dev.slipway.provider;

import java.time.Instant;

/**
 * A kubeconfig for a managed cluster. Secret: never log it ({@link #toString()} redacts it).
 *
 * @param yaml the kubeconfig document
 * @param expiresAt when its credentials expire, or null if they do not
 */
public record Kubeconfig(String yaml, Instant expiresAt) {

  @Override
  public String toString() {
    return "Kubeconfig[redacted, expiresAt=" + expiresAt + "]";
  }
}
