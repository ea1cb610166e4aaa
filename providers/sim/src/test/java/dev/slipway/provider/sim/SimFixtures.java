package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.SimClusterSpec;
import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.NodePoolSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Clusters, pools and a fixed latency model for the simulated cloud's tests. */
final class SimFixtures {

  /**
   * Fixed delays (only node registration varies, between 2 and 5 s), so tests can step exactly: control plane 10s
   * create, 20s upgrade, 5s delete; VM 1s; Node 2-5s; 1s per node scaled; update 3s; pool delete 4s.
   */
  static final LatencyModel TEST_LATENCY = new LatencyModel(
      fixed(10), fixed(20), fixed(5), fixed(1),
      LatencyModel.Range.of(Duration.ofSeconds(2), Duration.ofSeconds(5)),
      fixed(1), fixed(3), fixed(4));

  static final MachineTemplate TEMPLATE = new MachineTemplate("sim-standard-2", OsImage.Ubuntu,
      MachineTemplate.Architecture.AMD64, "128Gi", null, null, MachineTemplate.CapacityType.OnDemand, null);

  private SimFixtures() {
  }

  static LatencyModel.Range fixed(long seconds) {
    return LatencyModel.Range.fixed(Duration.ofSeconds(seconds));
  }

  static ClusterTarget cluster(String namespace, String name, String version, LatencyProfile profile) {
    return new ClusterTarget(namespace, name, "uid-" + name,
        new ClusterSpec(CloudProvider.SIM, "local-1", version, false, null, null, new SimClusterSpec(profile)));
  }

  static ClusterTarget cluster(String namespace, String name) {
    return cluster(namespace, name, "1.33", LatencyProfile.Fast);
  }

  static NodePoolSpec pool(String name, int replicas) {
    return pool(name, replicas, Map.of("team", "a"), List.of());
  }

  static NodePoolSpec pool(String name, int replicas, Map<String, String> labels, List<Taint> taints) {
    return new NodePoolSpec(name, "1.33", TEMPLATE, replicas, null, labels, taints, NodepoolMode.User,
        Map.of("slipway.dev/machinepool", "team-a/" + name));
  }
}
