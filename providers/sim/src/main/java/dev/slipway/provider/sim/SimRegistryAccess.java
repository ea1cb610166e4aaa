package dev.slipway.provider.sim;

import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.RegistryAccessService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Registry pull grants, recorded in the cluster's state and applied at once. Any non-blank registry ID is accepted.
 * A grant needs the cluster (its kubelet identity) to exist; grants go with the cluster when it is deleted.
 */
final class SimRegistryAccess implements RegistryAccessService {

  private final SimCloud cloud;

  SimRegistryAccess(SimCloud cloud) {
    this.cloud = cloud;
  }

  @Override
  public boolean isGranted(ClusterTarget cluster, String registryId) throws CloudException {
    String registry = validated(registryId);
    return cloud.call(cluster, "read grant of", "read grant of " + registry, true,
        (state, now) -> new SimCloud.Outcome<>(state, state.registryGrants().contains(registry)));
  }

  @Override
  public OperationStatus grant(ClusterTarget cluster, String registryId) throws CloudException {
    String registry = validated(registryId);
    return cloud.call(cluster, "grant", "grant " + registry, true, (state, now) -> {
      if (state.registryGrants().contains(registry)) {
        return new SimCloud.Outcome<>(state, OperationStatus.done());
      }
      if (state.controlPlane() == null) {
        throw CloudException.retryable("ResourceNotFound", "managed cluster " + cluster.key() + " does not exist, "
            + "so it has no kubelet identity to grant pull access to", cloud.requestId(), Duration.ofSeconds(30));
      }
      List<String> grants = new ArrayList<>(state.registryGrants());
      grants.add(registry);
      return new SimCloud.Outcome<>(state.withRegistryGrants(grants), OperationStatus.done());
    });
  }

  @Override
  public OperationStatus revoke(ClusterTarget cluster, String registryId) throws CloudException {
    String registry = validated(registryId);
    return cloud.call(cluster, "revoke", "revoke " + registry, true, (state, now) -> {
      List<String> grants = new ArrayList<>(state.registryGrants());
      grants.remove(registry);
      return new SimCloud.Outcome<>(state.withRegistryGrants(grants), OperationStatus.done());
    });
  }

  private String validated(String registryId) throws CloudException {
    if (registryId == null || registryId.isBlank()) {
      throw CloudException.permanent("InvalidParameter", "registry ID must not be blank", cloud.requestId());
    }
    return registryId.trim();
  }
}
