package dev.slipway.testing.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Slipway project root (the folder holding config/ and hack/) from a test or the local run. */
public final class ProjectLayout {

  private ProjectLayout() {
  }

  /**
   * The project root: the {@code slipway.projectRoot} system property (set by the Maven build), else the nearest
   * folder at or above the working directory that holds {@code hack/control-plane/build.sh}.
   */
  public static Path root() {
    String configured = System.getProperty("slipway.projectRoot");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("hack/control-plane/build.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the Slipway project root (no hack/control-plane/build.sh at or above "
        + Path.of("").toAbsolutePath() + "); set -Dslipway.projectRoot");
  }

  /** The generated CRDs, {@code config/crd/bases}. */
  public static Path crdDirectory() {
    return root().resolve("config/crd/bases");
  }

  /** The sample manifests, {@code config/samples}. */
  public static Path samplesDirectory() {
    return root().resolve("config/samples");
  }
}
