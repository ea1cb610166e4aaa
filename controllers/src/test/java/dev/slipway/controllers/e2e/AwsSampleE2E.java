package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import dev.slipway.testing.moto.LocalMoto;
import dev.slipway.testing.moto.MotoServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Nodegroup;

/**
 * The EKS sample of {@code config/samples} reconciles against moto: only the account-specific IDs (the roles and
 * subnets moto made) are substituted; the cluster and both nodepools (Bottlerocket over three zones; AL2 on arm64
 * Spot) become Ready with the node groups EKS would get.
 */
@LocalKubernetes(workloads = true)
@LocalMoto
class AwsSampleE2E {

  private static final String REGION = "eu-west-1";

  @Test
  void theEksSampleReconcilesToReady(LocalControlPlane controlPlane, TestNamespace namespace, MotoServer moto)
      throws Exception {
    SlipwayFixture fixture = new SlipwayFixture(controlPlane, namespace.name());
    moto.post("/slipway/config", "{\"eksCreateSeconds\": 2, \"eksDeleteSeconds\": 2, \"eksUpdateSeconds\": 2}");
    MotoAwsAccount account = MotoAwsAccount.create(moto, REGION, namespace.name());
    String sample = Files.readString(ProjectLayout.samplesDirectory().resolve("eks-cluster.yaml"))
        .replace("arn:aws:iam::123456789012:role/checkout-eks-cluster", account.clusterRoleArn())
        .replace("arn:aws:iam::123456789012:role/checkout-eks-nodes", account.nodeRoleArn())
        .replace("subnet-0a1b2c3d4e5f60001", account.subnetIds().get(0))
        .replace("subnet-0a1b2c3d4e5f60002", account.subnetIds().get(1))
        .replace("subnet-0a1b2c3d4e5f60003", account.subnetIds().get(2));
    try (ControllerProcess controllers = fixture.startControllers("controllers-aws-sample",
        MotoAwsAccount.controllerProperties(moto, controlPlane.kubeconfig()),
        MotoAwsAccount.controllerEnvironment(REGION))) {
      fixture.apply(sample);
      Cluster cluster = await().atMost(Duration.ofMinutes(3)).until(() -> fixture.cluster("checkout-euw1"),
          c -> c.getStatus() != null && SlipwayFixture.ready(c, c.getStatus().conditions()));
      String eksCluster = cluster.getStatus().cloudResourceId()
          .substring(cluster.getStatus().cloudResourceId().lastIndexOf('/') + 1);
      try (AwsKubeletBridge bridge = new AwsKubeletBridge(moto.endpoint(), REGION, eksCluster, fixture.client,
              namespace.name());
          EksClient eks = EksClient.builder().endpointOverride(moto.endpoint()).region(Region.of(REGION))
              .credentialsProvider(MotoAwsAccount.CREDENTIALS).build()) {
        for (String nodepool : List.of("checkout-euw1-bottlerocket", "checkout-euw1-al2")) {
          fixture.awaitNodepoolSettled(nodepool, Duration.ofMinutes(3), np -> true);
        }
        Nodegroup bottlerocket = nodegroup(eks, eksCluster, fixture, "checkout-euw1-bottlerocket");
        assertThat(bottlerocket.amiTypeAsString()).isEqualTo("BOTTLEROCKET_x86_64");
        assertThat(bottlerocket.subnets()).containsExactlyInAnyOrderElementsOf(account.subnetIds());
        assertThat(bottlerocket.diskSize()).isEqualTo(80);
        assertThat(bottlerocket.scalingConfig().desiredSize()).isEqualTo(3);
        Nodegroup al2 = nodegroup(eks, eksCluster, fixture, "checkout-euw1-al2");
        assertThat(al2.amiTypeAsString()).isEqualTo("AL2_ARM_64");
        assertThat(al2.capacityTypeAsString()).isEqualTo("SPOT");
        assertThat(al2.instanceTypes()).containsExactly("m6g.large");
        assertThat(al2.labels()).containsEntry("os", "al2");
        assertThat(fixture.nodes("eks.amazonaws.com/nodegroup")).hasSize(5);
      }
    }
  }

  private static Nodegroup nodegroup(EksClient eks, String eksCluster, SlipwayFixture fixture, String nodepool) {
    MachinePool pool = fixture.machinePool(fixture.nodepool(nodepool).getStatus().activeMachinePool().name());
    return eks.describeNodegroup(r -> r.clusterName(eksCluster).nodegroupName(pool.getSpec().cloudPoolName()))
        .nodegroup();
  }
}
