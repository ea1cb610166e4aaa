package dev.slipway.testing.azure;

import java.time.Instant;

/** A role assignment as ARM stores it; {@code scope} keeps the case of the request that created it. */
public record RoleAssignmentSnapshot(String id, String name, String scope, String roleDefinitionId,
    String principalId, String principalType, Instant createdOn) {
}
