package dev.slipway.controllers.machinepool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.NodepoolMode;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.NodePoolSpec;
import dev.slipway.provider.NodePoolState;
import dev.slipway.provider.ProvisioningPhase;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which in-place fields differ, and which fixed fields drifted, as a table. */
class InPlaceFieldsTest {

  private static final MachineTemplate TEMPLATE = new MachineTemplate("m6i.large", OsImage.AL2023,
      MachineTemplate.Architecture.AMD64, "128Gi", null, null, MachineTemplate.CapacityType.OnDemand, null);
  private static final Taint GPU = new Taint("gpu", "true", Taint.Effect.NoSchedule);

  private static NodePoolSpec spec(Integer replicas, Autoscaling autoscaling, Map<String, String> labels,
      List<Taint> taints, NodepoolMode mode) {
    return new NodePoolSpec("pool", "1.33", TEMPLATE, replicas, autoscaling, labels, taints, mode, Map.of());
  }

  private static NodePoolState state(Integer replicas, Autoscaling autoscaling, Map<String, String> labels,
      List<Taint> taints, NodepoolMode mode) {
    return new NodePoolState(ProvisioningPhase.READY, "Succeeded", "id", "1.33", TEMPLATE, replicas, autoscaling,
        labels, taints, mode, List.of(), null);
  }

  static Stream<Arguments> cases() {
    Autoscaling bounds = new Autoscaling(1, 5);
    return Stream.of(
        Arguments.of("same", spec(3, null, Map.of(), List.of(), null), state(3, null, Map.of(), List.of(),
            NodepoolMode.User), List.of()),
        Arguments.of("count changed out of band", spec(3, null, Map.of(), List.of(), null),
            state(5, null, Map.of(), List.of(), NodepoolMode.User), List.of("replicas")),
        Arguments.of("autoscaler chose another count: not fought", spec(null, bounds, Map.of(), List.of(), null),
            state(4, bounds, Map.of(), List.of(), NodepoolMode.User), List.of()),
        Arguments.of("autoscaler bounds changed", spec(null, new Autoscaling(2, 5), Map.of(), List.of(), null),
            state(4, bounds, Map.of(), List.of(), NodepoolMode.User), List.of("autoscaling")),
        Arguments.of("autoscaling switched off", spec(4, null, Map.of(), List.of(), null),
            state(4, bounds, Map.of(), List.of(), NodepoolMode.User), List.of("autoscaling")),
        Arguments.of("labels", spec(3, null, Map.of("team", "a"), List.of(), null),
            state(3, null, Map.of("team", "b"), List.of(), NodepoolMode.User), List.of("nodeLabels")),
        Arguments.of("taints in another order are the same", spec(3, null, Map.of(),
            List.of(GPU, new Taint("a", null, Taint.Effect.NoExecute)), null),
            state(3, null, Map.of(), List.of(new Taint("a", null, Taint.Effect.NoExecute), GPU), NodepoolMode.User),
            List.of()),
        Arguments.of("taint removed", spec(3, null, Map.of(), List.of(), null),
            state(3, null, Map.of(), List.of(GPU), NodepoolMode.User), List.of("taints")),
        Arguments.of("mode", spec(3, null, Map.of(), List.of(), NodepoolMode.System),
            state(3, null, Map.of(), List.of(), NodepoolMode.User), List.of("mode")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void differing(String name, NodePoolSpec desired, NodePoolState observed, List<String> expected) {
    assertThat(InPlaceFields.differing(desired, observed)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "drift: {0}")
  @MethodSource("driftCases")
  void drifted(String name, NodePoolState observed, List<String> expected) {
    assertThat(InPlaceFields.drifted(spec(3, null, Map.of(), List.of(), null), observed))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> driftCases() {
    MachineTemplate bigger = new MachineTemplate("m6i.xlarge", OsImage.AL2023, MachineTemplate.Architecture.AMD64,
        "128Gi", null, null, MachineTemplate.CapacityType.OnDemand, null);
    return Stream.of(
        Arguments.of("none", state(3, null, Map.of(), List.of(), NodepoolMode.User), List.of()),
        Arguments.of("machine type changed in the console", new NodePoolState(ProvisioningPhase.READY, "Succeeded",
            "id", "1.33", bigger, 3, null, Map.of(), List.of(), NodepoolMode.User, List.of(), null),
            List.of("template")),
        Arguments.of("version changed in the console", new NodePoolState(ProvisioningPhase.READY, "Succeeded", "id",
            "1.34", TEMPLATE, 3, null, Map.of(), List.of(), NodepoolMode.User, List.of(), null),
            List.of("version")));
  }
}
