package dev.slipway.testing.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.controlplane.ProjectLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slipway's extensions of moto (hack/moto/slipway_ext.py, contract in hack/moto/README.md) pass their boto3 checks:
 * runs hack/moto/check_extensions.py, which starts its own server, with the virtualenv's python.
 */
class MotoExtensionsIT {

  private static final Logger LOG = LoggerFactory.getLogger(MotoExtensionsIT.class);

  @Test
  void extensionsPassTheirChecks() throws Exception {
    Process check = new ProcessBuilder(MotoServer.python().toString(),
        ProjectLayout.root().resolve("hack/moto/check_extensions.py").toString())
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = check.waitFor(5, TimeUnit.MINUTES);
    LOG.info("check_extensions.py output:\n{}", output);
    if (!finished) {
      check.destroyForcibly();
    }
    assertThat(finished).as("check_extensions.py finished").isTrue();
    assertThat(check.exitValue()).as("check_extensions.py exit code; its output:%n%s", output).isZero();
  }
}
