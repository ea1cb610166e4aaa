package dev.slipway.controllers.nodepool;

import java.time.Instant;

/**
 * One Node of a pool, with the marks Slipway keeps on the Node itself (so that any replica resumes a drain where
 * another stopped).
 *
 * @param name the Node's name in the workload cluster (from a providerID match, never derived from a name pattern)
 * @param providerId its canonical providerID
 * @param cordoned whether spec.unschedulable is true
 * @param cordonedBySlipway whether Slipway cordoned it (only those are ever uncordoned by Slipway)
 * @param drainStartedAt when Slipway started draining it, or null
 * @param drained whether a drain pass found nothing left to move
 */
public record NodeView(String name, String providerId, boolean cordoned, boolean cordonedBySlipway,
    Instant drainStartedAt, boolean drained) {
}
