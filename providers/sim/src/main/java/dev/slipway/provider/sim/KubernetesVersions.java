package dev.slipway.provider.sim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares {@code 1.MINOR[.PATCH]} versions the way the clouds do. */
final class KubernetesVersions {

  private static final Pattern FORM = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?$");

  private KubernetesVersions() {
  }

  /**
   * Negative when {@code desired} is older than {@code current}, zero when it asks for nothing new, positive for an
   * upgrade. A version without a patch matches any patch of its minor ({@code 1.33} is satisfied by {@code 1.33.2});
   * naming a patch of the current minor pins it.
   */
  static int compare(String desired, String current) {
    int[] d = parse(desired);
    int[] c = parse(current);
    if (d[0] != c[0]) {
      return Integer.compare(d[0], c[0]);
    }
    if (d[1] != c[1]) {
      return Integer.compare(d[1], c[1]);
    }
    if (d[2] < 0) {
      return 0;
    }
    return c[2] < 0 ? 1 : Integer.compare(d[2], c[2]);
  }

  /** How many minor versions {@code desired} is ahead of {@code current}. */
  static int minorsAhead(String desired, String current) {
    return parse(desired)[1] - parse(current)[1];
  }

  private static int[] parse(String version) {
    Matcher m = FORM.matcher(version == null ? "" : version.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + version + "' is not a Kubernetes version 1.MINOR[.PATCH]");
    }
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? -1 : Integer.parseInt(m.group(3))};
  }
}
