package dev.slipway.testing.controlplane;

import java.io.IOException;

/**
 * A JVM that starts a control plane, prints where it is, and waits on standard input: {@link LocalControlPlaneIT}
 * kills it with SIGKILL to check that its processes do not outlive it.
 */
public final class ControlPlaneProbe {

  private ControlPlaneProbe() {
  }

  public static void main(String[] args) throws IOException {
    LocalControlPlane controlPlane = LocalControlPlane.start(LocalControlPlane.Options.apiServerOnly("probe"));
    System.out.println("SERVER " + controlPlane.server());
    System.out.println("DIR " + controlPlane.directory());
    System.out.flush();
    // Blocks until the test kills this JVM (or closes standard input).
    while (System.in.read() != -1) {
      // Input is ignored.
    }
    controlPlane.close();
  }
}
