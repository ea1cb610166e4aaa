package dev.slipway.provider.aws;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.provider.AutoscalerProfileService;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.OperationStatus;

/**
 * EKS has no managed cluster autoscaler whose profile a cloud API sets (the cluster-autoscaler or Karpenter runs as
 * a workload in the cluster): unsupported. Resetting to the defaults ({@code null}) is trivially done.
 */
final class EksAutoscalerProfiles implements AutoscalerProfileService {

  @Override
  public boolean supported() {
    return false;
  }

  @Override
  public AutoscalerProfile observe(ClusterTarget cluster) {
    return null;
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster, AutoscalerProfile profile) throws CloudException {
    if (profile == null) {
      return OperationStatus.done();
    }
    throw CloudException.permanent("Unsupported", "EKS has no managed cluster-autoscaler profile; run the "
        + "cluster-autoscaler or Karpenter in the cluster and configure it there", null);
  }
}
