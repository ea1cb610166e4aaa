package dev.slipway.controllers.runtime;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fault injection for crash-resume tests: named points between a write and the record of it, where a controller
 * that dies must still converge after a restart. When {@code slipway.testing.crash-at} names a point, reaching it
 * halts the JVM at once, as SIGKILL would (no shutdown hooks, no Lease release). Off unless that property is set.
 */
@Component
public class CrashPoints {

  /** Nodepool: the target MachinePool was created, its record in status not yet written. */
  public static final String AFTER_CREATE_TARGET = "nodepool-after-create-target";
  /** Nodepool: an old node was cordoned. */
  public static final String AFTER_CORDON = "nodepool-after-cordon";
  /** Nodepool: an old node was marked as draining, nothing evicted yet. */
  public static final String AFTER_DRAIN_START = "nodepool-after-drain-start";
  /** Nodepool: a drain pass evicted pods. */
  public static final String AFTER_EVICTION = "nodepool-after-eviction";
  /** Nodepool: the old MachinePool was deleted, the new one not yet recorded as active. */
  public static final String AFTER_DELETE_OLD = "nodepool-after-delete-old";
  /** MachinePool: the cloud was asked to create the pool, status not yet written. */
  public static final String AFTER_CLOUD_CREATE = "machinepool-after-cloud-create";
  /** MachinePool: the cloud confirmed the pool gone, the finalizer not yet removed. */
  public static final String AFTER_CLOUD_DELETE = "machinepool-after-cloud-delete";

  private static final Logger LOG = LoggerFactory.getLogger(CrashPoints.class);

  private final Set<String> armed;

  public CrashPoints(@Value("${slipway.testing.crash-at:}") String crashAt) {
    this.armed = Arrays.stream(crashAt.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    if (!armed.isEmpty()) {
      LOG.warn("Crash points armed: {} (slipway.testing.crash-at); this process halts when it reaches one", armed);
    }
  }

  /** Halts the JVM if {@code point} is armed. */
  public void reached(String point) {
    if (armed.contains(point)) {
      LOG.warn("Crash point {} reached: halting", point);
      Runtime.getRuntime().halt(137);
    }
  }
}
