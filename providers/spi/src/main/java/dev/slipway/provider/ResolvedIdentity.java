package dev.slipway.provider;

import dev.slipway.api.v1alpha1.ProviderIdentitySpec;
import java.util.Objects;

/**
 * The ProviderIdentity a Cluster's cloud calls are made as, already checked by the controllers (it exists, its
 * provider is the Cluster's, it allows the Cluster's namespace). Providers build their clients from it: AWS assumes
 * {@code spec.aws.roleArn}, Azure federates with {@code spec.azure}, the simulated cloud records
 * {@code spec.sim.account}. It holds no credential.
 *
 * @param name the ProviderIdentity's name (cluster-scoped)
 * @param spec its spec; exactly the section of its provider is set
 */
public record ResolvedIdentity(String name, ProviderIdentitySpec spec) {

  public ResolvedIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
  }
}
