package dev.slipway.controllers.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.v1alpha1.AllowedNamespaces;
import dev.slipway.api.v1alpha1.AwsIdentity;
import dev.slipway.api.v1alpha1.AzureIdentity;
import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.api.v1alpha1.ConditionReasons;
import dev.slipway.api.v1alpha1.IdentityRef;
import dev.slipway.api.v1alpha1.ProviderIdentity;
import dev.slipway.api.v1alpha1.ProviderIdentitySpec;
import dev.slipway.api.v1alpha1.SimClusterSpec;
import dev.slipway.api.v1alpha1.SimIdentity;
import dev.slipway.provider.ClusterTarget;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityCheckTest {

  @Test
  void noIdentityRefActsAsTheControllersOwnIdentity() {
    IdentityCheck check = IdentityCheck.decide(cluster(null), null, null);

    assertThat(check.allowed()).isTrue();
    ClusterTarget target = check.target(cluster(null), false);
    assertThat(target.identity()).isNull();
  }

  @Test
  void aMissingIdentityIsRefused() {
    IdentityCheck check = IdentityCheck.decide(cluster("shared"), null, Map.of());

    assertThat(check.reason()).isEqualTo(ConditionReasons.IDENTITY_NOT_FOUND);
    assertThat(check.message()).contains("ProviderIdentity shared").contains("does not exist");
    assertThatThrownBy(() -> check.target(cluster("shared"), false)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anIdentityOfAnotherProviderIsRefused() {
    ProviderIdentity aws = identity("shared", new ProviderIdentitySpec(CloudProvider.AWS,
        new AwsIdentity("arn:aws:iam::123456789012:role/x", null), null, null, new AllowedNamespaces(null, null)));

    IdentityCheck check = IdentityCheck.decide(cluster("shared"), aws, Map.of());

    assertThat(check.reason()).isEqualTo(ConditionReasons.IDENTITY_PROVIDER_MISMATCH);
    assertThat(check.message()).contains("identity for aws").contains("provider is sim");
  }

  @Test
  void anIdentityThatDoesNotAllowTheNamespaceIsRefusedNamingBoth() {
    IdentityCheck check = IdentityCheck.decide(cluster("shared"), sim("shared",
        new AllowedNamespaces(List.of("team-b"), null)), Map.of("team", "a"));

    assertThat(check.reason()).isEqualTo(ConditionReasons.IDENTITY_NOT_ALLOWED);
    assertThat(check.message()).contains("ProviderIdentity shared").contains("namespace team-a");
  }

  @Test
  void anAllowingIdentityIsCarriedToTheTarget() {
    IdentityCheck check = IdentityCheck.decide(cluster("shared"), sim("shared", new AllowedNamespaces(null, null)),
        null);

    ClusterTarget target = check.target(cluster("shared"), true);
    assertThat(target.identity().name()).isEqualTo("shared");
    assertThat(target.identity().spec().sim().account()).isEqualTo("acct");
    assertThat(target.deleting()).isTrue();
  }

  @Test
  void anAzureIdentityIsRefusedUntilTheAzureProviderCanActAsOne() {
    Cluster cluster = new Cluster();
    cluster.setMetadata(new V1ObjectMeta().namespace("team-a").name("aks").uid("uid-2"));
    cluster.setSpec(new ClusterSpec(CloudProvider.AZURE, "westeurope", "1.33", false, null, null, null,
        new IdentityRef("payments-sub")));
    ProviderIdentity azure = identity("payments-sub", new ProviderIdentitySpec(CloudProvider.AZURE, null,
        new AzureIdentity("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"), null,
        new AllowedNamespaces(null, null)));

    IdentityCheck check = IdentityCheck.decide(cluster, azure, null);

    assertThat(check.allowed()).isFalse();
    assertThat(check.reason()).isEqualTo(ConditionReasons.IDENTITY_NOT_SUPPORTED);
    assertThat(check.message()).contains("ProviderIdentity payments-sub").contains("spec.identityRef");
  }

  private static Cluster cluster(String identity) {
    Cluster cluster = new Cluster();
    cluster.setMetadata(new V1ObjectMeta().namespace("team-a").name("c1").uid("uid-1"));
    cluster.setSpec(new ClusterSpec(CloudProvider.SIM, "sim-local-1", "1.33", false, null, null,
        new SimClusterSpec(null), identity == null ? null : new IdentityRef(identity)));
    return cluster;
  }

  private static ProviderIdentity sim(String name, AllowedNamespaces allowed) {
    return identity(name, new ProviderIdentitySpec(CloudProvider.SIM, null, null, new SimIdentity("acct"), allowed));
  }

  private static ProviderIdentity identity(String name, ProviderIdentitySpec spec) {
    ProviderIdentity identity = new ProviderIdentity();
    identity.setMetadata(new V1ObjectMeta().name(name));
    identity.setSpec(spec);
    return identity;
  }
}
