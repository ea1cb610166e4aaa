package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.v1alpha1.Autoscaling;
import dev.slipway.api.v1alpha1.MachineTemplate;
import dev.slipway.api.v1alpha1.MachineTemplate.Architecture;
import dev.slipway.api.v1alpha1.MachineTemplate.CapacityType;
import dev.slipway.api.v1alpha1.OsImage;
import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.provider.CloudException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class NodeGroupFieldsTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "Bottlerocket, AMD64, BOTTLEROCKET_x86_64",
      "Bottlerocket, ARM64, BOTTLEROCKET_ARM_64",
      "AL2023, AMD64, AL2023_x86_64_STANDARD",
      "AL2023, ARM64, AL2023_ARM_64_STANDARD",
      "AL2, AMD64, AL2_x86_64",
      "AL2, ARM64, AL2_ARM_64"})
  void amiTypes(OsImage osImage, Architecture architecture, String amiType) throws CloudException {
    assertThat(NodeGroupFields.amiType(osImage, architecture)).isEqualTo(amiType);
    assertThat(NodeGroupFields.image(amiType)).isEqualTo(new NodeGroupFields.Image(osImage, architecture));
  }

  @Test
  void noArchitectureMeansAmd64() throws CloudException {
    assertThat(NodeGroupFields.amiType(OsImage.Bottlerocket, null)).isEqualTo("BOTTLEROCKET_x86_64");
  }

  @ParameterizedTest
  @EnumSource(value = OsImage.class, names = {"AzureLinux", "Ubuntu"})
  void azureImagesAreRefusedNamingTheField(OsImage osImage) {
    assertThatThrownBy(() -> NodeGroupFields.amiType(osImage, Architecture.AMD64))
        .isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.code()).isEqualTo("InvalidParameter");
          assertThat(e.getMessage()).contains("template.osImage", osImage.name());
        });
  }

  @Test
  void amiTypesSlipwayDoesNotCreateHaveNoImage() {
    assertThat(NodeGroupFields.image("BOTTLEROCKET_x86_64_NVIDIA")).isNull();
    assertThat(NodeGroupFields.image("CUSTOM")).isNull();
  }

  @ParameterizedTest(name = "replicas {0} -> min {1} desired {2} max {3}")
  @CsvSource({"0, 0, 0, 1", "1, 1, 1, 1", "3, 3, 3, 3"})
  void fixedCount(int replicas, int min, int desired, int max) {
    assertThat(NodeGroupFields.scaling(replicas, null)).isEqualTo(new NodeGroupFields.Scaling(min, desired, max));
  }

  @Test
  void autoscalingStartsAtMin() {
    assertThat(NodeGroupFields.scaling(null, new Autoscaling(2, 10)))
        .isEqualTo(new NodeGroupFields.Scaling(2, 2, 10));
  }

  @Test
  void scalingUpdates() {
    NodeGroupFields.Scaling current = new NodeGroupFields.Scaling(3, 3, 3);
    assertThat(NodeGroupFields.scalingUpdate(3, null, current)).isNull();
    assertThat(NodeGroupFields.scalingUpdate(5, null, current)).isEqualTo(new NodeGroupFields.Scaling(5, 5, 5));
    // Autoscaling: bounds only; the autoscaler's count is kept while inside them, clamped when outside.
    NodeGroupFields.Scaling autoscaled = new NodeGroupFields.Scaling(2, 7, 10);
    assertThat(NodeGroupFields.scalingUpdate(null, new Autoscaling(2, 10), autoscaled)).isNull();
    assertThat(NodeGroupFields.scalingUpdate(null, new Autoscaling(1, 20), autoscaled))
        .isEqualTo(new NodeGroupFields.Scaling(1, 7, 20));
    assertThat(NodeGroupFields.scalingUpdate(null, new Autoscaling(1, 5), autoscaled))
        .isEqualTo(new NodeGroupFields.Scaling(1, 5, 5));
    assertThat(NodeGroupFields.scalingUpdate(null, new Autoscaling(8, 9), autoscaled))
        .isEqualTo(new NodeGroupFields.Scaling(8, 8, 9));
  }

  @ParameterizedTest
  @CsvSource({"NoSchedule, NO_SCHEDULE", "NoExecute, NO_EXECUTE", "PreferNoSchedule, PREFER_NO_SCHEDULE"})
  void taintEffects(Taint.Effect effect, String eks) {
    assertThat(NodeGroupFields.effect(effect)).isEqualTo(eks);
    assertThat(NodeGroupFields.effect(eks)).isEqualTo(effect);
  }

  @ParameterizedTest(name = "{0} -> {1} GiB")
  @CsvSource({"80Gi, 80", "20Gi, 20", "1Ti, 1024", "0.5Ti, 512", "85899345920, 80", "81920Mi, 80",
      "4Ti, 4096"})
  void diskSizes(String quantity, int gib) throws CloudException {
    assertThat(NodeGroupFields.diskSizeGib(quantity)).isEqualTo(gib);
  }

  @ParameterizedTest
  @CsvSource({"100G", "80.5Gi", "1000Mi", "lots", "-5Gi", "0Gi"})
  void diskSizesThatAreNotWholeGibAreRefused(String quantity) {
    assertThatThrownBy(() -> NodeGroupFields.diskSizeGib(quantity))
        .isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("template.diskSize");
        });
  }

  @Test
  void diskTypeAndMaxPods() throws CloudException {
    NodeGroupFields.checkDiskType(null);
    NodeGroupFields.checkDiskType("gp2");
    NodeGroupFields.checkMaxPods(null);
    assertThatThrownBy(() -> NodeGroupFields.checkDiskType("gp3"))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.getMessage()).contains("template.diskType"));
    assertThatThrownBy(() -> NodeGroupFields.checkMaxPods(110))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.getMessage()).contains("template.maxPods"));
  }

  @Test
  void subnetsAreFilteredToTheZonesInClusterOrder() throws CloudException {
    List<String> subnets = List.of("subnet-a", "subnet-b", "subnet-c", "subnet-a2");
    Map<String, String> zones = Map.of("subnet-a", "eu-west-1a", "subnet-b", "eu-west-1b",
        "subnet-c", "eu-west-1c", "subnet-a2", "eu-west-1a");

    assertThat(NodeGroupFields.subnetsInZones(subnets, zones, List.of("eu-west-1a")))
        .containsExactly("subnet-a", "subnet-a2");
    assertThat(NodeGroupFields.subnetsInZones(subnets, zones, List.of("eu-west-1c", "eu-west-1b")))
        .containsExactly("subnet-b", "subnet-c");
    assertThat(NodeGroupFields.subnetsInZones(subnets, zones, List.of())).isEqualTo(subnets);
    assertThat(NodeGroupFields.subnetsInZones(subnets, Map.of(), null)).isEqualTo(subnets);
    assertThatThrownBy(() -> NodeGroupFields.subnetsInZones(subnets, zones, List.of("eu-west-1d")))
        .isInstanceOfSatisfying(CloudException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("template.zones", "eu-west-1d");
        });
  }

  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of(new MachineTemplate("m6i.large", OsImage.Bottlerocket, Architecture.AMD64, "80Gi", "gp2", null,
            CapacityType.OnDemand, List.of("eu-west-1a", "eu-west-1b"))),
        Arguments.of(new MachineTemplate("m6g.large", OsImage.AL2, Architecture.ARM64, "0.5Ti", null, null,
            CapacityType.Spot, null)),
        Arguments.of(new MachineTemplate("m6i.large", OsImage.AL2023, null, null, null, null, null, List.of())));
  }

  /** What observe reconstructs from the node group and Slipway's tags equals the template it was created from. */
  @ParameterizedTest
  @MethodSource("templates")
  void templateRoundTrip(MachineTemplate template) throws CloudException {
    Map<String, String> tags = new HashMap<>();
    if (template.zones() != null) {
      tags.put(NodeGroupTags.ZONES, NodeGroupFields.zonesTag(template.zones()));
    }
    if (template.diskType() != null) {
      tags.put(NodeGroupTags.DISK_TYPE, template.diskType());
    }
    if (template.diskSize() != null) {
      tags.put(NodeGroupTags.DISK_SIZE, template.diskSize());
    }
    tags.put(NodeGroupTags.UNSET, NodeGroupFields.unsetFields(template));
    Integer disk = template.diskSize() == null ? 20 : NodeGroupFields.diskSizeGib(template.diskSize());

    MachineTemplate observed = NodeGroupFields.observedTemplate(template.machineType(),
        NodeGroupFields.amiType(template.osImage(), template.architecture()),
        NodeGroupFields.capacityType(template.capacityType()), disk, tags);

    assertThat(observed).isEqualTo(template);
  }

  @Test
  void aDiskOfAnotherSizeShowsAsDrift() {
    MachineTemplate observed = NodeGroupFields.observedTemplate("m6i.large", "AL2_x86_64", "ON_DEMAND", 100,
        Map.of(NodeGroupTags.DISK_SIZE, "80Gi"));
    assertThat(observed.diskSize()).isEqualTo("100Gi");
  }
}
