package dev.slipway.controllers.nodepool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.MachineTemplate.Architecture;
import dev.slipway.api.v1alpha1.MachineTemplate.CapacityType;
import dev.slipway.api.v1alpha1.OsImage;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateHashTest {

  private static final MachineTemplate BASE = new MachineTemplate("m6i.large", OsImage.AL2, Architecture.AMD64,
      "128Gi", "gp3", 110, CapacityType.OnDemand, List.of("eu-west-1a", "eu-west-1b"));

  @Test
  void isVersionedAndStable() {
    // Golden value, the first 10 hex digits of SHA-256 over the v1 canonical lines (checked outside Java). If it
    // changes, every pool in the fleet would be replaced: add a new function instead.
    assertThat(TemplateHash.of("1.33", BASE)).isEqualTo("v1-41883d1dd9");
  }

  static Stream<Arguments> replacementForcingChanges() {
    return Stream.of(
        Arguments.of("machine type", (UnaryOperator<MachineTemplate>) t -> new MachineTemplate("m6i.xlarge",
            t.osImage(), t.architecture(), t.diskSize(), t.diskType(), t.maxPods(), t.capacityType(), t.zones())),
        Arguments.of("OS image AL2 -> Bottlerocket", (UnaryOperator<MachineTemplate>) t -> new MachineTemplate(
            t.machineType(), OsImage.Bottlerocket, t.architecture(), t.diskSize(), t.diskType(), t.maxPods(),
            t.capacityType(), t.zones())),
        Arguments.of("architecture", (UnaryOperator<MachineTemplate>) t -> new MachineTemplate(t.machineType(),
            t.osImage(), Architecture.ARM64, t.diskSize(), t.diskType(), t.maxPods(), t.capacityType(), t.zones())),
        Arguments.of("disk size", (UnaryOperator<MachineTemplate>) t -> new MachineTemplate(t.machineType(),
            t.osImage(), t.architecture(), "256Gi", t.diskType(), t.maxPods(), t.capacityType(), t.zones())),
        Arguments.of("disk type", (UnaryOperator<MachineTemplate>) t -> new MachineTemplate(t.machineType(),
            t.osImage(), t.architecture(), t.diskSize(), "gp2", t.maxPods(), t.capacityType(), t.zones())),
        Arguments.of("max pods", (UnaryOperator<MachineTemplate>) t -> new MachineTemplate(t.machineType(),
            t.osImage(), t.architecture(), t.diskSize(), t.diskType(), 60, t.capacityType(), t.zones())),
        Arguments.of("spot", (UnaryOperator<MachineTemplate>) t -> new MachineTemplate(t.machineType(),
            t.osImage(), t.architecture(), t.diskSize(), t.diskType(), t.maxPods(), CapacityType.Spot, t.zones())),
        Arguments.of("zones", (UnaryOperator<MachineTemplate>) t -> new MachineTemplate(t.machineType(),
            t.osImage(), t.architecture(), t.diskSize(), t.diskType(), t.maxPods(), t.capacityType(),
            List.of("eu-west-1a"))),
        Arguments.of("max pods unset", (UnaryOperator<MachineTemplate>) t -> new MachineTemplate(t.machineType(),
            t.osImage(), t.architecture(), t.diskSize(), t.diskType(), null, t.capacityType(), t.zones())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replacementForcingChanges")
  void everyTemplateFieldChangesTheHash(String change, UnaryOperator<MachineTemplate> edit) {
    MachineTemplate changed = edit.apply(BASE);
    assertThat(TemplateHash.of("1.33", changed)).isNotEqualTo(TemplateHash.of("1.33", BASE));
    assertThat(TemplateHash.matches(TemplateHash.of("1.33", BASE), "1.33", changed)).isFalse();
  }

  @Test
  void versionChangesTheHash() {
    assertThat(TemplateHash.of("1.34", BASE)).isNotEqualTo(TemplateHash.of("1.33", BASE));
  }

  @Test
  void zoneOrderDoesNotMatter() {
    MachineTemplate reordered = new MachineTemplate(BASE.machineType(), BASE.osImage(), BASE.architecture(),
        BASE.diskSize(), BASE.diskType(), BASE.maxPods(), BASE.capacityType(), List.of("eu-west-1b", "eu-west-1a"));
    assertThat(TemplateHash.of("1.33", reordered)).isEqualTo(TemplateHash.of("1.33", BASE));
  }

  @Test
  void aRecordedHashMatchesItsTemplate() {
    assertThat(TemplateHash.matches(TemplateHash.of("1.33", BASE), "1.33", BASE)).isTrue();
  }

  @Test
  void aHashFromAnUnknownFunctionIsReportedNotReplaced() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TemplateHash.matches("v9-0123456789", "1.33", BASE))
        .withMessageContaining("unknown hash function 'v9'");
  }
}
