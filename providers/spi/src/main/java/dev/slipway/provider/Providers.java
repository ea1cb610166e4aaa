package dev.slipway.provider;

import dev.slipway.api.v1alpha1.CloudProvider;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The providers this Slipway runs with, by {@code Cluster.spec.provider}. */
public final class Providers {

  private final Map<CloudProvider, Provider> byId = new EnumMap<>(CloudProvider.class);

  public Providers(Collection<? extends Provider> providers) {
    for (Provider provider : providers) {
      Provider previous = byId.put(provider.id(), provider);
      if (previous != null) {
        throw new IllegalArgumentException("two providers serve " + provider.id() + ": "
            + previous.getClass().getName() + " and " + provider.getClass().getName());
      }
    }
  }

  /** The provider for a cluster, or empty when this Slipway runs without it (a condition says so). */
  public Optional<Provider> find(CloudProvider id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The providers configured, for messages. */
  public java.util.Set<CloudProvider> configured() {
    return java.util.Collections.unmodifiableSet(byId.keySet());
  }
}
