package dev.slipway.testing.azure;

import java.util.Locale;

/** A cluster's identity as ARM compares it: subscription, resource group and name, all case-insensitive. */
record ClusterKey(String subscription, String resourceGroup, String name) {

  static ClusterKey of(String subscription, String resourceGroup, String name) {
    return new ClusterKey(subscription.toLowerCase(Locale.ROOT), resourceGroup.toLowerCase(Locale.ROOT),
        name.toLowerCase(Locale.ROOT));
  }
}
