package dev.slipway.controllers.e2e;

import dev.slipway.testing.azure.FakeArm;
import dev.slipway.testing.azure.OperationRecord;
import java.util.List;
import java.util.Map;

/** How the e2e tests point Slipway's controllers at a {@link FakeArm}. */
final class FakeAzure {

  private FakeAzure() {
  }

  /** Controller properties: the fake's endpoint, its certificate to trust, a short poll. */
  static Map<String, String> controllerProperties(FakeArm fake) {
    return Map.of("slipway.providers.azure.resource-manager-endpoint", fake.endpoint().toString(),
        "slipway.providers.azure.trusted-certificate", fake.certificatePem().toString(),
        "slipway.providers.azure.poll-interval", "2s");
  }

  /**
   * Environment for the controllers: {@code DefaultAzureCredential}, unchanged, finds a managed identity through the
   * App Service protocol the fake serves, as it would find workload identity in a pod.
   */
  static Map<String, String> controllerEnvironment(FakeArm fake) {
    return Map.of("IDENTITY_ENDPOINT", fake.identityEndpoint().toString(),
        "IDENTITY_HEADER", fake.identityHeader());
  }

  /** Pairs of operations on one AKS cluster that ran at the same time: none, if the per-cluster queue held. */
  static List<String> overlapping(List<OperationRecord> history) {
    List<String> overlaps = new java.util.ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      for (int j = i + 1; j < history.size(); j++) {
        if (history.get(i).overlaps(history.get(j))) {
          overlaps.add(history.get(i) + " / " + history.get(j));
        }
      }
    }
    return overlaps;
  }
}
