package dev.slipway.api.v1alpha1;

/** Role of a pool in its cluster (AKS agent-pool mode; informational on EKS). */
public enum NodepoolMode {
  /** Runs critical system pods; AKS requires at least one System pool per cluster. */
  System,
  /** Runs application workloads. */
  User
}
