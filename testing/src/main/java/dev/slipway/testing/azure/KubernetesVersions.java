package dev.slipway.testing.azure;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes versions as AKS takes them ({@code "1.33"} or {@code "1.33.2"}) and the version rules it enforces: a
 * control plane moves up at most one minor at a time and never down; a node pool never runs ahead of its control
 * plane nor more than three minors behind it.
 */
final class KubernetesVersions {

  /** The version a cluster gets when its request names none. */
  static final String DEFAULT = "1.33";

  /** The patch each supported minor resolves to when a request names only the minor (1.x). */
  private static final Map<Integer, Integer> LATEST_PATCH =
      Map.of(29, 15, 30, 14, 31, 11, 32, 7, 33, 3, 34, 1);

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  private KubernetesVersions() {
  }

  /** A parsed version; {@code patch} is null when only the minor was named. */
  record Version(int minor, Integer patch) {

    int effectivePatch() {
      return patch != null ? patch : LATEST_PATCH.get(minor);
    }

    String full() {
      return "1." + minor + "." + effectivePatch();
    }

    @Override
    public String toString() {
      return patch == null ? "1." + minor : "1." + minor + "." + patch;
    }
  }

  /** Parses and checks that AKS offers the version; {@code property} names the field in the error. */
  static Version parse(String text, String property) {
    Matcher matcher = VERSION.matcher(text == null ? "" : text.trim());
    if (!matcher.matches() || !"1".equals(matcher.group(1))) {
      throw ArmException.invalidParameter(property, "The value of parameter " + property + " is invalid: '" + text
          + "'. A Kubernetes version looks like 1.33 or 1.33.2.");
    }
    int minor = Integer.parseInt(matcher.group(2));
    Integer patch = matcher.group(3) == null ? null : Integer.parseInt(matcher.group(3));
    if (!LATEST_PATCH.containsKey(minor) || (patch != null && patch > LATEST_PATCH.get(minor))) {
      throw ArmException.badRequest("K8sVersionNotSupported", "Version " + text + " is not supported in this region."
          + " Please use [az aks get-versions] command to get the supported version list in this region.");
    }
    return new Version(minor, patch);
  }

  /** The running version ("1.33.3") a requested version ("1.33" or "1.33.3") resolves to. */
  static String current(String requested) {
    return parse(requested, "kubernetesVersion").full();
  }

  /** Whether asking for {@code requested} leaves a component running {@code currentFull} where it is. */
  static boolean unchanged(String currentFull, String requested) {
    Version current = parse(currentFull, "currentKubernetesVersion");
    Version wanted = parse(requested, "kubernetesVersion");
    return wanted.minor() == current.minor()
        && (wanted.patch() == null || wanted.patch() == current.effectivePatch());
  }

  /**
   * Refuses a downgrade, and for a control plane ({@code oneMinorAtATime}) a jump of more than one minor.
   * AKS answers both with 400.
   */
  static void checkUpgrade(String currentFull, String requested, String property, boolean oneMinorAtATime) {
    if (unchanged(currentFull, requested)) {
      return;
    }
    Version current = parse(currentFull, property);
    Version wanted = parse(requested, property);
    boolean downgrade = wanted.minor() < current.minor()
        || (wanted.minor() == current.minor() && wanted.effectivePatch() < current.effectivePatch());
    if (downgrade) {
      throw new ArmException(400, "OperationNotAllowed", "Downgrading kubernetes version " + currentFull + " to "
          + requested + " is not allowed.", property);
    }
    if (oneMinorAtATime && wanted.minor() > current.minor() + 1) {
      throw new ArmException(400, "OperationNotAllowed", "Upgrading kubernetes version " + currentFull + " to "
          + requested + " is not allowed: a control plane upgrade can move one minor version at a time (to 1."
          + (current.minor() + 1) + ").", property);
    }
  }

  /** A node pool may not run ahead of the control plane nor more than three minors behind it. */
  static void checkPoolSkew(String poolVersion, String controlPlaneVersion) {
    Version pool = parse(poolVersion, "orchestratorVersion");
    Version controlPlane = parse(controlPlaneVersion, "kubernetesVersion");
    boolean ahead = pool.minor() > controlPlane.minor()
        || (pool.minor() == controlPlane.minor() && pool.patch() != null && controlPlane.patch() != null
            && pool.patch() > controlPlane.patch());
    if (ahead || pool.minor() < controlPlane.minor() - 3) {
      throw new ArmException(400, "NodePoolMcVersionIncompatible", "Node pool version " + poolVersion
          + " and control plane version " + controlPlaneVersion + " are incompatible. A node pool's version must not"
          + " be greater than the control plane's version nor more than 3 minor versions less.",
          "orchestratorVersion");
    }
  }
}
