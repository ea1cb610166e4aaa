package dev.slipway.provider.sim;

import java.time.Duration;

/**
 * Told about every call Slipway makes to the simulated cloud (not the test console's), with the same outcomes the
 * real providers report: {@code success}, {@code throttled}, {@code server_error}, {@code client_error} or
 * {@code error} (a timeout).
 */
@FunctionalInterface
public interface SimCallRecorder {

  SimCallRecorder NONE = (operation, outcome, took) -> { };

  void called(String operation, String outcome, Duration took);

  /** The outcome label of a call that failed with this cloud error code. */
  static String outcomeOf(String code) {
    if (code == null) {
      return "success";
    }
    switch (code) {
      case "Throttling":
        return "throttled";
      case "InternalServerError":
      case "Conflict":
        return "server_error";
      case "RequestTimeout":
        return "error";
      default:
        return "client_error";
    }
  }
}
