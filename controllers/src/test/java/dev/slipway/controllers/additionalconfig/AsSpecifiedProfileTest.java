package dev.slipway.controllers.additionalconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.provider.AutoscalerProfileService;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.OperationStatus;
import org.junit.jupiter.api.Test;

/** The cloud's profile in the spec's terms, for a cloud that fills defaults (AKS) and one that does not (sim). */
class AsSpecifiedProfileTest {

  private static final AutoscalerProfile DEFAULTS = TestProfiles.profile("random");

  /** Fills one "default": an unset expander reads back as random, as AKS's defaults would. */
  private static final AutoscalerProfileService FILLING = new Profiles() {
    @Override
    public AutoscalerProfile effective(AutoscalerProfile desired) {
      if (desired == null) {
        return DEFAULTS;
      }
      return desired.expander() != null ? desired : TestProfiles.profile("random");
    }
  };

  private static final AutoscalerProfileService KEEPING = new Profiles() { };

  @Test
  void aCloudThatFillsDefaultsMatchesASpecThatLeavesThemOut() {
    AutoscalerProfile spec = withoutExpander(TestProfiles.profile("random"));

    assertThat(ClusterAdditionalConfigReconciler.asSpecified(FILLING, DEFAULTS, spec)).isSameAs(spec);
    assertThat(ClusterAdditionalConfigReconciler.asSpecified(FILLING, DEFAULTS, null)).isNull();
    AutoscalerProfile other = TestProfiles.profile("least-waste");
    assertThat(ClusterAdditionalConfigReconciler.asSpecified(FILLING, other, spec)).isEqualTo(other);
  }

  @Test
  void aCloudThatKeepsProfilesAsGivenIsUnchanged() {
    AutoscalerProfile spec = TestProfiles.profile("most-pods");

    assertThat(ClusterAdditionalConfigReconciler.asSpecified(KEEPING, spec, spec)).isEqualTo(spec);
    assertThat(ClusterAdditionalConfigReconciler.asSpecified(KEEPING, null, spec)).isNull();
    assertThat(ClusterAdditionalConfigReconciler.asSpecified(KEEPING, DEFAULTS, spec)).isEqualTo(DEFAULTS);
  }

  private static AutoscalerProfile withoutExpander(AutoscalerProfile p) {
    return new AutoscalerProfile(p.balanceSimilarNodeGroups(), p.daemonsetEvictionForEmptyNodes(),
        p.daemonsetEvictionForOccupiedNodes(), null, p.ignoreDaemonsetsUtilization(), p.maxEmptyBulkDelete(),
        p.maxGracefulTerminationSec(), p.maxNodeProvisionTime(), p.maxTotalUnreadyPercentage(),
        p.newPodScaleUpDelay(), p.okTotalUnreadyCount(), p.scanInterval(), p.scaleDownDelayAfterAdd(),
        p.scaleDownDelayAfterDelete(), p.scaleDownDelayAfterFailure(), p.scaleDownUnneededTime(),
        p.scaleDownUnreadyTime(), p.scaleDownUtilizationThreshold(), p.skipNodesWithLocalStorage(),
        p.skipNodesWithSystemPods());
  }

  /** A profile port whose cloud calls are not used here. */
  private abstract static class Profiles implements AutoscalerProfileService {
    @Override
    public boolean supported() {
      return true;
    }

    @Override
    public AutoscalerProfile observe(ClusterTarget cluster) {
      throw new UnsupportedOperationException("not called");
    }

    @Override
    public OperationStatus ensure(ClusterTarget cluster, AutoscalerProfile profile) {
      throw new UnsupportedOperationException("not called");
    }
  }
}
