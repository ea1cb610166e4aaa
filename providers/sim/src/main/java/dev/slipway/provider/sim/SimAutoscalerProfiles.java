package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.provider.AutoscalerProfileService;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.OperationStatus;
import java.time.Duration;
import java.util.Objects;

/** The autoscaler profile, recorded in the cluster's state and applied at once. Needs the cluster to exist. */
final class SimAutoscalerProfiles implements AutoscalerProfileService {

  private final SimCloud cloud;

  SimAutoscalerProfiles(SimCloud cloud) {
    this.cloud = cloud;
  }

  @Override
  public boolean supported() {
    return true;
  }

  @Override
  public AutoscalerProfile observe(ClusterTarget cluster) throws CloudException {
    return cloud.call(cluster, "observe autoscaler profile", "observe autoscaler profile", true,
        (state, now) -> new SimCloud.Outcome<>(state, state.autoscalerProfile()));
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster, AutoscalerProfile profile) throws CloudException {
    return cloud.call(cluster, "ensure autoscaler profile", "ensure autoscaler profile", true, (state, now) -> {
      if (Objects.equals(state.autoscalerProfile(), profile)) {
        return new SimCloud.Outcome<>(state, OperationStatus.done());
      }
      if (state.controlPlane() == null) {
        throw CloudException.retryable("ResourceNotFound", "managed cluster " + cluster.key() + " does not exist",
            cloud.requestId(), Duration.ofSeconds(30));
      }
      return new SimCloud.Outcome<>(state.withAutoscalerProfile(profile), OperationStatus.done());
    });
  }
}
