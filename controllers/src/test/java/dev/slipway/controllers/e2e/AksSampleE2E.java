package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.ClusterAdditionalConfig;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.SlipwayResource;
import dev.slipway.testing.azure.AgentPoolSnapshot;
import dev.slipway.testing.azure.ClusterSnapshot;
import dev.slipway.testing.azure.FakeArm;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AKS sample of {@code config/samples} reconciles against the fake ARM unchanged (only the kubeconfig the fake
 * hands out points at the local API server): the cluster is created with the sample's System pool, the User pool
 * follows, the kubelet identity gets AcrPull on the registry and the autoscaler profile is applied. Deleting the
 * Cluster leaves nothing in the fake: no managed cluster, pool, machine or role assignment.
 */
@LocalKubernetes(workloads = true)
class AksSampleE2E {

  private static final Logger LOG = LoggerFactory.getLogger(AksSampleE2E.class);
  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
  private static final String RESOURCE_GROUP = "rg-payments-weu";
  private static final String REGISTRY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
      + "rg-shared/providers/Microsoft.ContainerRegistry/registries/paymentsacr";
  private static final Duration SETTLE = Duration.ofMinutes(4);

  @Test
  void theAksSampleReconcilesToReadyAndItsDeletionLeavesNothingBehind(LocalControlPlane controlPlane,
      TestNamespace namespace) throws Exception {
    SlipwayFixture fixture = new SlipwayFixture(controlPlane, namespace.name());
    String aksCluster = namespace.name() + "_payments-weu";
    GenericKubernetesApi<ClusterAdditionalConfig, ClusterAdditionalConfig.List> configs = new GenericKubernetesApi<>(
        ClusterAdditionalConfig.class, ClusterAdditionalConfig.List.class, SlipwayResource.GROUP,
        SlipwayResource.VERSION, ClusterAdditionalConfig.PLURAL, fixture.client);
    try (FakeArm fake = FakeArm.start()) {
      fake.addRegistry(REGISTRY);
      fake.kubeconfigFor(SUBSCRIPTION, RESOURCE_GROUP, aksCluster, Files.readString(controlPlane.kubeconfig()));
      try (ControllerProcess controllers = fixture.startControllers("controllers-aks-sample",
              FakeAzure.controllerProperties(fake), FakeAzure.controllerEnvironment(fake));
          AzureKubeletBridge bridge = new AzureKubeletBridge(fake, aksCluster, fixture.client, namespace.name())) {
        fixture.apply(Files.readString(ProjectLayout.samplesDirectory().resolve("aks-cluster.yaml")));
        await().atMost(SETTLE).until(() -> fixture.cluster("payments-weu"),
            c -> c.getStatus() != null && SlipwayFixture.ready(c, c.getStatus().conditions()));
        for (String nodepool : List.of("payments-weu-system", "payments-weu-apps")) {
          fixture.awaitNodepoolSettled(nodepool, SETTLE, np -> true);
        }
        ClusterAdditionalConfig config = await().atMost(SETTLE)
            .until(() -> configs.get(namespace.name(), "payments-weu").getObject(),
                c -> c != null && c.getStatus() != null && SlipwayFixture.ready(c, c.getStatus().conditions()));
        assertThat(config.getStatus().conditions()).anySatisfy(c -> {
          assertThat(c.type()).isEqualTo("AutoscalerProfileReady");
          // What AKS accepted, its defaults included: the sample does not set maxNodeProvisionTime.
          assertThat(c.message()).contains("expander=least-waste", "maxNodeProvisionTime=15m");
        });

        ClusterSnapshot cluster = fake.clusters().stream().filter(c -> c.name().equals(aksCluster)).findFirst()
            .orElseThrow();
        assertThat(cluster.kubernetesVersion()).isEqualTo("1.33");
        assertThat(cluster.autoScalerProfile()).containsEntry("expander", "least-waste")
            .containsEntry("balance-similar-node-groups", "true").containsEntry("scan-interval", "10s")
            .containsEntry("max-node-provision-time", "15m");
        assertThat(fake.roleAssignments()).filteredOn(a -> a.principalId().equals(cluster.kubeletObjectId()))
            .singleElement().satisfies(a -> {
              assertThat(a.scope()).isEqualToIgnoringCase(REGISTRY);
              assertThat(a.roleDefinitionId()).endsWith("7f951dda-4ed3-4680-a7ca-43fe172d538d");
            });
        MachinePool system = activePool(fixture, "payments-weu-system");
        MachinePool apps = activePool(fixture, "payments-weu-apps");
        List<AgentPoolSnapshot> pools = fake.agentPools(SUBSCRIPTION, RESOURCE_GROUP, aksCluster);
        assertThat(pools).extracting(AgentPoolSnapshot::name).containsExactlyInAnyOrder(
            system.getSpec().cloudPoolName(), apps.getSpec().cloudPoolName());
        AgentPoolSnapshot systemPool = pool(pools, system.getSpec().cloudPoolName());
        assertThat(systemPool.mode()).isEqualTo("System");
        assertThat(systemPool.count()).isEqualTo(3);
        assertThat(systemPool.vmSize()).isEqualTo("Standard_D4s_v5");
        assertThat(systemPool.osSku()).isEqualTo("AzureLinux");
        assertThat(systemPool.availabilityZones()).containsExactly("1", "2", "3");
        assertThat(systemPool.nodeTaints()).containsExactly("CriticalAddonsOnly=true:NoSchedule");
        AgentPoolSnapshot appsPool = pool(pools, apps.getSpec().cloudPoolName());
        assertThat(appsPool.mode()).isEqualTo("User");
        assertThat(appsPool.enableAutoScaling()).isTrue();
        assertThat(appsPool.minCount()).isEqualTo(2);
        assertThat(appsPool.maxCount()).isEqualTo(20);
        assertThat(appsPool.osSku()).isEqualTo("Ubuntu");
        assertThat(appsPool.nodeLabels()).containsEntry("workload", "apps");
        assertThat(system.getStatus().providerIDList()).hasSize(3);
        assertThat(apps.getStatus().providerIDList()).hasSize(2);
        assertThat(bridge.registered()).hasSize(5);
        assertThat(FakeAzure.overlapping(fake.operationHistory(SUBSCRIPTION, RESOURCE_GROUP, aksCluster))).isEmpty();

        fixture.clusters.delete(namespace.name(), "payments-weu");
        await().atMost(SETTLE).until(() -> fixture.cluster("payments-weu") == null);
        assertThat(fake.clusters()).noneMatch(c -> c.name().equals(aksCluster));
        assertThat(fake.machines()).noneMatch(m -> m.cluster().equals(aksCluster));
        assertThat(fake.roleAssignments()).noneMatch(a -> a.principalId().equals(cluster.kubeletObjectId()));
        LOG.info("AKS sample: {} requests to the fake ARM, operations {}", fake.requests().size(),
            fake.operationHistory(SUBSCRIPTION, RESOURCE_GROUP, aksCluster).stream()
                .map(op -> op.kind() + (op.agentPool() == null ? "" : " " + op.agentPool())).toList());
      }
    }
  }

  private static MachinePool activePool(SlipwayFixture fixture, String nodepool) {
    return fixture.machinePool(fixture.nodepool(nodepool).getStatus().activeMachinePool().name());
  }

  private static AgentPoolSnapshot pool(List<AgentPoolSnapshot> pools, String name) {
    return pools.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }
}
