package dev.slipway.testing.azure;

import java.time.Instant;

/**
 * One request the fake answered: when (by the fake's clock), the method, the decoded path without the query, the
 * api-version asked for (null if none), the status and, for an error, ARM's error code.
 */
public record RecordedRequest(Instant time, String method, String path, String apiVersion, int status,
    String errorCode) {
}
