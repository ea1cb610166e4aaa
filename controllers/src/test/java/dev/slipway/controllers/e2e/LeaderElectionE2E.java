package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.NodepoolSpec;
import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two replicas are safe: only the Lease holder reconciles; when it is killed, the other takes the Lease over and
 * carries on (here: finishes a rollout the dead leader never started).
 */
@LocalKubernetes(workloads = true)
class LeaderElectionE2E {

  private static final Pattern IDENTITY = Pattern.compile("Waiting to lead through Lease \\S+ as (\\S+)");

  @Test
  void onlyTheLeaseHolderReconcilesAndAFollowerTakesOverWhenItDies(LocalControlPlane controlPlane,
      TestNamespace namespace) {
    SlipwayFixture fixture = new SlipwayFixture(controlPlane, namespace.name());
    ControllerProcess first = fixture.startControllers("controllers-replica-1");
    ControllerProcess second = fixture.startControllers("controllers-replica-2");
    try {
      String lease = "slipway-" + namespace.name();
      String holder = await().atMost(Duration.ofMinutes(1)).until(() -> leaseHolder(fixture, lease),
          h -> h != null && !h.isBlank());
      await().atMost(Duration.ofMinutes(1)).until(() -> identity(first) != null && identity(second) != null);
      ControllerProcess leader = holder.equals(identity(first)) ? first : second;
      ControllerProcess follower = leader == first ? second : first;
      await().atMost(Duration.ofSeconds(30))
          .until(() -> leader.logTail(400).contains("Leading: starting controllers"));
      assertThat(follower.logTail(400)).doesNotContain("Leading: starting controllers");

      fixture.apply(SlipwayFixture.simCluster("ha") + """
          apiVersion: slipway.dev/v1alpha1
          kind: Nodepool
          metadata:
            name: pool
          spec:
            clusterName: ha
            replicas: 1
            template:
              machineType: sim.small
              osImage: AL2
          """);
      fixture.awaitNodepoolSettled("pool", Duration.ofMinutes(3), np -> true);
      assertThat(follower.logTail(400)).doesNotContain("Reconcile of");

      leader.kill();
      String old = fixture.nodepool("pool").getStatus().activeMachinePool().name();
      fixture.editNodepool("pool", spec -> new NodepoolSpec(spec.clusterName(), spec.version(), spec.replicas(),
          spec.autoscaling(), new MachineTemplate("sim.medium", spec.template().osImage(),
              spec.template().architecture(), spec.template().diskSize(), spec.template().diskType(),
              spec.template().maxPods(), spec.template().capacityType(), spec.template().zones()),
          spec.nodeLabels(), spec.taints(), spec.mode(), spec.rollout()));
      await().atMost(Duration.ofMinutes(1)).until(() -> identity(follower).equals(leaseHolder(fixture, lease)));
      fixture.awaitNodepoolSettled("pool", Duration.ofMinutes(3),
          np -> !np.getStatus().activeMachinePool().name().equals(old));
      assertThat(follower.logTail(600)).contains("Leading: starting controllers");
    } finally {
      first.close();
      second.close();
    }
  }

  private static String identity(ControllerProcess process) {
    Matcher matcher = IDENTITY.matcher(process.logTail(400));
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String leaseHolder(SlipwayFixture fixture, String lease) {
    try {
      return new CoordinationV1Api(fixture.client).readNamespacedLease(lease, fixture.namespace).execute()
          .getSpec().getHolderIdentity();
    } catch (io.kubernetes.client.openapi.ApiException e) {
      return null;
    }
  }
}
