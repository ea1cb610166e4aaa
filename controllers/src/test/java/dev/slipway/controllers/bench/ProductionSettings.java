package dev.slipway.controllers.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The controllers' properties for a benchmark: one namespace, the sim provider only, production timings. */
final class ProductionSettings {

  private ProductionSettings() {
  }

  /**
   * Properties for controllers acting in {@code namespace} with their own Lease, AWS and Azure off, and the tests'
   * quick defaults (1 s poll, short drain back-off and leases) removed, so production defaults apply.
   */
  static Map<String, String> forNamespace(String namespace) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("slipway.namespace", namespace);
    properties.put("slipway.leader-election.namespace", namespace);
    properties.put("slipway.leader-election.lease-name", "slipway-" + namespace);
    properties.put("slipway.providers.aws.enabled", "false");
    properties.put("slipway.providers.azure.enabled", "false");
    // An empty value removes a default of ControllerProcess.
    for (String key : List.of("slipway.controllers.poll-interval", "slipway.drain.backoff-initial",
        "slipway.drain.backoff-max", "slipway.leader-election.lease-duration",
        "slipway.leader-election.renew-deadline", "slipway.leader-election.retry-period")) {
      properties.put(key, "");
    }
    return properties;
  }
}
