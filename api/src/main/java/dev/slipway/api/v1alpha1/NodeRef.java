package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Node of the workload cluster that belongs to a pool, matched by its full canonical providerID. */
public record NodeRef(
    @Required
    @JsonPropertyDescription("Node name in the workload cluster.")
    String name,

    @JsonPropertyDescription("Node UID in the workload cluster.")
    String uid,

    @Required
    @JsonPropertyDescription("Canonical providerID that matched the node to the pool.")
    String providerID) {
}
