package dev.slipway.provider;

import dev.slipway.api.v1alpha1.AutoscalerProfile;

/** Port: the cluster-autoscaler profile of a managed cluster. */
public interface AutoscalerProfileService {

  /** Whether the cloud has a managed autoscaler whose profile Slipway can set. */
  boolean supported();

  /**
   * The profile the cloud has now, or null when none was set. A cloud that fills defaults into every profile (AKS)
   * returns the profile with its defaults, i.e. an {@link #effective} profile.
   */
  AutoscalerProfile observe(ClusterTarget cluster) throws CloudException;

  /** Sets the profile ({@code null}: back to the cloud's defaults). MUST be idempotent. */
  OperationStatus ensure(ClusterTarget cluster, AutoscalerProfile profile) throws CloudException;

  /**
   * The profile the cloud ends up with when asked for {@code desired} ({@code null}: for no profile, i.e. its
   * defaults): {@code desired} with the cloud's defaults filled in. The controller compares {@link #observe}'s answer
   * with this, so a profile that spells out a default is not seen as differing. Default: {@code desired} itself, for
   * a cloud that keeps a profile as given.
   */
  default AutoscalerProfile effective(AutoscalerProfile desired) {
    return desired;
  }
}
