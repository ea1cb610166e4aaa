package dev.slipway.provider;

import dev.slipway.api.v1alpha1.AutoscalerProfile;

/** Port: the cluster-autoscaler profile of a managed cluster. */
public interface AutoscalerProfileService {

  /** Whether the cloud has a managed autoscaler whose profile Slipway can set. */
  boolean supported();

  /** The profile the cloud has now, or null when none was set. */
  AutoscalerProfile observe(ClusterTarget cluster) throws CloudException;

  /** Sets the profile ({@code null}: back to the cloud's defaults). MUST be idempotent. */
  OperationStatus ensure(ClusterTarget cluster, AutoscalerProfile profile) throws CloudException;
}
