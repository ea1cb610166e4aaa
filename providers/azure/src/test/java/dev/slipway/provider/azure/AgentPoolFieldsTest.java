package dev.slipway.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.OSDiskType;
import com.azure.resourcemanager.containerservice.models.OSSku;
import com.azure.resourcemanager.containerservice.models.ScaleSetPriority;
import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.MachineTemplate.Architecture;
import dev.slipway.api.v1alpha1.MachineTemplate.CapacityType;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.ProvisioningPhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentPoolFieldsTest {

  private static final MachineTemplate TEMPLATE = new MachineTemplate("Standard_D4s_v5", OsImage.AzureLinux,
      Architecture.AMD64, "0.125Ti", "Ephemeral", 60, CapacityType.OnDemand, List.of("1", "2", "3"));

  private static NodePoolSpec spec(MachineTemplate template, Integer replicas, Autoscaling autoscaling) {
    return new NodePoolSpec("apps1a2b3c4d", "1.33", template, replicas, autoscaling, Map.of("workload", "apps"),
        List.of(new Taint("dedicated", "apps", Taint.Effect.NoSchedule)), NodepoolMode.User,
        Map.of("slipway.dev/machinepool", "team-a/apps-1a2b3c4d5e"));
  }

  @Test
  void aNewPoolCarriesEveryFieldAndReadsBackAsItWasAskedFor() throws CloudException {
    AgentPoolInner pool = AgentPoolFields.create(spec(TEMPLATE, 3, null));

    assertThat(pool.vmSize()).isEqualTo("Standard_D4s_v5");
    assertThat(pool.osSku()).isEqualTo(OSSku.AZURE_LINUX);
    assertThat(pool.osDiskSizeGB()).isEqualTo(128);
    assertThat(pool.osDiskType()).isEqualTo(OSDiskType.EPHEMERAL);
    assertThat(pool.maxPods()).isEqualTo(60);
    assertThat(pool.scaleSetPriority()).isEqualTo(ScaleSetPriority.REGULAR);
    assertThat(pool.availabilityZones()).containsExactly("1", "2", "3");
    assertThat(pool.orchestratorVersion()).isEqualTo("1.33");
    assertThat(pool.count()).isEqualTo(3);
    assertThat(pool.enableAutoScaling()).isFalse();
    assertThat(pool.nodeTaints()).containsExactly("dedicated=apps:NoSchedule");
    assertThat(pool.mode()).isEqualTo(AgentPoolMode.USER);
    assertThat(pool.tags()).containsEntry("slipway.dev_machinepool", "team-a/apps-1a2b3c4d5e")
        .containsEntry(AgentPoolFields.DISK_SIZE_TAG, "0.125Ti")
        .doesNotContainKey(AgentPoolFields.UNSET_TAG);

    assertThat(AgentPoolFields.observedTemplate(pool)).isEqualTo(TEMPLATE);
    assertThat(AgentPoolFields.inPlaceDifferences(pool, spec(TEMPLATE, 3, null))).isEmpty();
  }

  @Test
  void fieldsTheSpecLeftToAksReadBackAsUnsetEvenThoughAksReportsItsDefaults() throws CloudException {
    MachineTemplate sparse = new MachineTemplate("Standard_D4s_v5", OsImage.Ubuntu, null, null, null, null, null,
        null);
    AgentPoolInner pool = AgentPoolFields.create(spec(sparse, 1, null));
    assertThat(pool.tags()).containsEntry(AgentPoolFields.UNSET_TAG,
        "architecture diskSize diskType maxPods capacityType");

    // What AKS answers: its defaults filled in.
    pool.withOsDiskSizeGB(128).withOsDiskType(OSDiskType.MANAGED).withMaxPods(250);

    assertThat(AgentPoolFields.observedTemplate(pool)).isEqualTo(sparse);
  }

  @Test
  void aChangeMadeInAzureShowsUpAsDriftOfTheTemplate() throws CloudException {
    AgentPoolInner pool = AgentPoolFields.create(spec(TEMPLATE, 3, null));
    pool.withVmSize("Standard_D8s_v5");

    assertThat(AgentPoolFields.observedTemplate(pool).machineType()).isEqualTo("Standard_D8s_v5");
    assertThat(AgentPoolFields.observedTemplate(pool)).isNotEqualTo(TEMPLATE);
  }

  @Test
  void spotPoolsGetAksOwnTaintAndLabelWhichAreNeverComparedOrRemoved() throws CloudException {
    MachineTemplate spot = new MachineTemplate("Standard_D4s_v5", OsImage.AzureLinux, Architecture.AMD64, "128Gi",
        null, null, CapacityType.Spot, null);
    AgentPoolInner pool = AgentPoolFields.create(spec(spot, 2, null));

    assertThat(pool.scaleSetPriority()).isEqualTo(ScaleSetPriority.SPOT);
    assertThat(pool.spotMaxPrice()).isEqualTo(-1f);
    assertThat(pool.nodeTaints()).contains(AgentPoolFields.SPOT_TAINT);
    assertThat(AgentPoolFields.taints(pool)).containsExactly(new Taint("dedicated", "apps", Taint.Effect.NoSchedule));
    assertThat(AgentPoolFields.labels(pool)).isEqualTo(Map.of("workload", "apps"));
    assertThat(AgentPoolFields.inPlaceDifferences(pool, spec(spot, 2, null))).isEmpty();
    assertThat(AgentPoolFields.observedTemplate(pool)).isEqualTo(spot);
  }

  @Test
  void inPlaceChangesKeepTheAutoscalersCountAndTheTemplate() throws CloudException {
    AgentPoolInner pool = AgentPoolFields.create(spec(TEMPLATE, null, new Autoscaling(2, 10)));
    assertThat(pool.count()).isEqualTo(2);
    pool.withCount(7); // the cluster autoscaler's choice

    NodePoolSpec wider = new NodePoolSpec("apps1a2b3c4d", "1.34", TEMPLATE, null, new Autoscaling(3, 20),
        Map.of(), List.of(), NodepoolMode.System, Map.of());
    assertThat(AgentPoolFields.inPlaceDifferences(pool, wider))
        .containsExactly("autoscaling", "nodeLabels", "taints", "mode");

    AgentPoolFields.applyInPlace(pool, wider);
    assertThat(pool.count()).isEqualTo(7);
    assertThat(pool.minCount()).isEqualTo(3);
    assertThat(pool.maxCount()).isEqualTo(20);
    assertThat(pool.mode()).isEqualTo(AgentPoolMode.SYSTEM);
    assertThat(pool.orchestratorVersion()).isEqualTo("1.33");
    assertThat(AgentPoolFields.inPlaceDifferences(pool, wider)).isEmpty();
  }

  @Test
  void theProfileOfANewClusterIsTheSamePoolUnderItsName() throws CloudException {
    ManagedClusterAgentPoolProfile profile = AgentPoolFields.profile(spec(TEMPLATE, 3, null));

    assertThat(profile.name()).isEqualTo("apps1a2b3c4d");
    assertThat(profile.vmSize()).isEqualTo("Standard_D4s_v5");
    assertThat(profile.osDiskSizeGB()).isEqualTo(128);
    assertThat(profile.maxPods()).isEqualTo(60);
    assertThat(profile.count()).isEqualTo(3);
    assertThat(profile.availabilityZones()).containsExactly("1", "2", "3");
    assertThat(profile.tags()).containsEntry(AgentPoolFields.DISK_SIZE_TAG, "0.125Ti");
  }

  @Test
  void refusesWhatAksCannotDoNamingTheField() {
    MachineTemplate bottlerocket = new MachineTemplate("Standard_D4s_v5", OsImage.Bottlerocket, null, null, null, null,
        null, null);
    assertThatThrownBy(() -> AgentPoolFields.create(spec(bottlerocket, 1, null)))
        .isInstanceOf(CloudException.class).hasMessageContaining("template.osImage Bottlerocket");
    MachineTemplate premium = new MachineTemplate("Standard_D4s_v5", OsImage.Ubuntu, null, null, "Premium_LRS", null,
        null, null);
    assertThatThrownBy(() -> AgentPoolFields.create(spec(premium, 1, null)))
        .isInstanceOf(CloudException.class).hasMessageContaining("template.diskType Premium_LRS");
    MachineTemplate odd = new MachineTemplate("Standard_D4s_v5", OsImage.Ubuntu, null, "100G", null, null, null,
        null);
    assertThatThrownBy(() -> AgentPoolFields.create(spec(odd, 1, null)))
        .isInstanceOf(CloudException.class).hasMessageContaining("not a whole number of GiB, which AKS needs");
  }

  @Test
  void taintsRoundTripInAksSyntax() {
    assertThat(AgentPoolFields.taint(new Taint("a", null, Taint.Effect.NoExecute))).isEqualTo("a:NoExecute");
    assertThat(AgentPoolFields.taint("CriticalAddonsOnly=true:NoSchedule"))
        .isEqualTo(new Taint("CriticalAddonsOnly", "true", Taint.Effect.NoSchedule));
  }

  @Test
  void provisioningStatesMapToPhases() {
    assertThat(AgentPoolFields.phase("Creating")).isEqualTo(ProvisioningPhase.CREATING);
    assertThat(AgentPoolFields.phase("Succeeded")).isEqualTo(ProvisioningPhase.READY);
    assertThat(AgentPoolFields.phase("Upgrading")).isEqualTo(ProvisioningPhase.UPDATING);
    assertThat(AgentPoolFields.phase("Scaling")).isEqualTo(ProvisioningPhase.UPDATING);
    assertThat(AgentPoolFields.phase("Deleting")).isEqualTo(ProvisioningPhase.DELETING);
    assertThat(AgentPoolFields.phase("Canceled")).isEqualTo(ProvisioningPhase.FAILED);
    assertThat(AgentPoolFields.terminal("Failed")).isTrue();
    assertThat(AgentPoolFields.terminal("Updating")).isFalse();
  }
}
