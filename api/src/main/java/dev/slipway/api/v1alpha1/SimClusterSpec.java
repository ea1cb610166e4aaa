package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Settings of a cluster in Slipway's embedded simulated cloud. */
public record SimClusterSpec(
    @Default("Fast")
    @JsonPropertyDescription("Latency model of the simulated cloud for this cluster: Instant (no delays, for "
        + "benchmarks), Fast (seconds, for tests and local runs) or Realistic (minutes, drawn from distributions "
        + "measured on real clouds).")
    LatencyProfile latencyProfile) {

  /** Presets of the simulated cloud's latency model. */
  public enum LatencyProfile { Instant, Fast, Realistic }
}
