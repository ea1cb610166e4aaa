package dev.slipway.api.v1alpha1;

/**
 * Node operating system image family. Each provider accepts its own subset (enforced on MachinePool, which knows its
 * provider; a Nodepool reports a mismatch with its Cluster's provider as a condition).
 */
public enum OsImage {
  /** AWS: Bottlerocket, the immutable container OS (EKS AMI types BOTTLEROCKET_x86_64 / BOTTLEROCKET_ARM_64). */
  Bottlerocket,
  /** AWS: Amazon Linux 2023 (AL2023_x86_64_STANDARD / AL2023_ARM_64_STANDARD). */
  AL2023,
  /** AWS: Amazon Linux 2 (AL2_x86_64 / AL2_ARM_64). */
  AL2,
  /** Azure: Azure Linux (OS SKU AzureLinux). */
  AzureLinux,
  /** Azure: Ubuntu (OS SKU Ubuntu). */
  Ubuntu
}
