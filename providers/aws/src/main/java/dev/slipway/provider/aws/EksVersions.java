package dev.slipway.provider.aws;

/**
 * Kubernetes versions as EKS knows them: minors only ({@code 1.33}); EKS picks and moves the patch itself (platform
 * versions). A Slipway version with a patch ({@code 1.33.2}) is therefore satisfied by EKS at that minor.
 */
final class EksVersions {

  private EksVersions() {
  }

  /** The minor number: {@code 1.33} and {@code 1.33.2} give 33. */
  static int minor(String version) {
    String[] parts = version.trim().split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("'" + version + "' is not a Kubernetes version such as 1.33");
    }
    return Integer.parseInt(parts[1]);
  }

  /** {@code 1.33.2} and {@code 1.33} give {@code 1.33}: the form EKS takes in create and update calls. */
  static String eksVersion(String version) {
    String[] parts = version.trim().split("\\.");
    return parts[0] + "." + parts[1];
  }

  /**
   * The version to report: Slipway's own spelling when the cloud runs that minor (so {@code 1.33.2} on EKS 1.33 does
   * not look like a pending upgrade or drift), otherwise what the cloud says.
   */
  static String reported(String cloudVersion, String slipwaySpelling) {
    if (cloudVersion == null || slipwaySpelling == null || slipwaySpelling.isBlank()) {
      return cloudVersion;
    }
    try {
      return eksVersion(cloudVersion).equals(eksVersion(slipwaySpelling)) ? slipwaySpelling : cloudVersion;
    } catch (RuntimeException e) {
      return cloudVersion;
    }
  }
}
