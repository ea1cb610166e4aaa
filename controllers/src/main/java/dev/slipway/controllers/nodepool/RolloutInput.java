package dev.slipway.controllers.nodepool;

import dev.slipway.api.v1alpha1.RolloutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the rollout planner decides from.
 *
 * @param nodepool the Nodepool's name
 * @param desiredHash the template hash the Nodepool asks for (the active pool's own hash when it still matches)
 * @param replacement how many times a pool of this hash was replaced because it drifted outside Slipway (part of
 *     the desired MachinePool's name; 0 normally)
 * @param recordedActive the active MachinePool recorded in status, or null
 * @param pools every MachinePool labelled as the Nodepool's
 * @param maxConcurrentDrains how many nodes are drained at once
 * @param drainTimeout how long one node's drain may take before {@code onDrainTimeout} applies
 * @param onDrainTimeout what happens then
 * @param now the current time
 */
public record RolloutInput(String nodepool, String desiredHash, int replacement, String recordedActive, List<PoolView> pools,
    int maxConcurrentDrains, Duration drainTimeout, RolloutPolicy.DrainTimeoutAction onDrainTimeout, Instant now) {

  public RolloutInput {
    pools = List.copyOf(pools);
  }
}
