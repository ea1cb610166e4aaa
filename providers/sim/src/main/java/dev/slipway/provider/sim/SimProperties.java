package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the simulated cloud, under {@code slipway.providers.sim}.
 *
 * @param enabled whether the {@code sim} provider runs (default true)
 * @param workloadKubeconfig kubeconfig file of the workload API server that holds the simulated Nodes and the
 *     cloud's state; null for node-less mode (no Nodes, state in memory only, lost on restart)
 * @param workloadReadTimeout read timeout of calls to the workload API server (default 30s)
 * @param seed seed of every random draw (latencies, faults); default 0, so runs are reproducible
 * @param faults faults to inject; all off by default
 * @param auditLog file the cloud appends one JSON line to per effective mutating operation ({@link SimAuditLog});
 *     null (the default) for none
 * @param auditIdentity who this process is on each audit line; default {@code pid@host}
 * @param latency per profile, ranges that replace the preset's, e.g.
 *     {@code slipway.providers.sim.latency.Fast.node-ready.max=10s}
 */
@ConfigurationProperties("slipway.providers.sim")
public record SimProperties(Boolean enabled, Path workloadKubeconfig, Duration workloadReadTimeout, Long seed,
    SimFaults faults, Map<LatencyProfile, LatencyModel.Overrides> latency, Path auditLog, String auditIdentity) {

  public SimProperties {
    enabled = enabled == null || enabled;
    workloadReadTimeout = workloadReadTimeout == null ? Duration.ofSeconds(30) : workloadReadTimeout;
    seed = seed == null ? 0L : seed;
    faults = faults == null ? SimFaults.none() : faults;
    latency = latency == null ? Map.of() : Map.copyOf(latency);
    auditIdentity = auditIdentity == null || auditIdentity.isBlank() ? SimAuditLog.defaultIdentity() : auditIdentity;
  }
}
