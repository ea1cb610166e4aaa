package dev.slipway.controllers.runtime;

/**
 * The User-Agent every Kubernetes client of the controllers sends, management and workload clusters alike:
 * {@code slipway-controllers/<version>}. It lets an API server's audit log (and its metrics by user agent) tell
 * Slipway's writes apart from everyone else's, e.g. to prove that it only cordoned Nodes of pools it was replacing.
 */
public final class UserAgent {

  /** {@code slipway-controllers/<version>}, the version from the jar's manifest ({@code dev} when run from classes). */
  public static final String VALUE = "slipway-controllers/" + version();

  private UserAgent() {
  }

  private static String version() {
    String version = UserAgent.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "dev" : version;
  }
}
