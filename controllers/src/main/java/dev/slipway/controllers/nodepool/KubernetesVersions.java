package dev.slipway.controllers.nodepool;

/** Compares Kubernetes versions written 1.MINOR or 1.MINOR.PATCH. */
final class KubernetesVersions {

  private KubernetesVersions() {
  }

  /** Whether {@code a}'s minor version is newer than {@code b}'s. */
  static boolean newerMinor(String a, String b) {
    return minor(a) > minor(b);
  }

  static int minor(String version) {
    String[] parts = version.startsWith("v") ? version.substring(1).split("\\.") : version.split("\\.");
    return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
  }
}
