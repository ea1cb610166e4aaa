package dev.slipway.controllers.additionalconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfigSpec;
import dev.slipway.api.v1alpha1.ContainerRegistryAccess;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DesiredChildrenTest {

  static final String ACR = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
      + "Microsoft.ContainerRegistry/registries/teamacr";
  static final String ECR = "arn:aws:ecr:eu-west-1:123456789012:repository/team/*";
  static final AutoscalerProfile PROFILE = TestProfiles.profile("least-waste");

  static Stream<Arguments> specs() {
    return Stream.of(
        // name, spec, expected registry IDs, expected profile, expected child count
        Arguments.of("no spec", null, List.of(), null, 0),
        Arguments.of("nothing asked", spec(null, null), List.of(), null, 0),
        Arguments.of("empty registry list", spec(List.of(), null), List.of(), null, 0),
        Arguments.of("one registry", spec(registries(ACR), null), List.of(ACR), null, 1),
        Arguments.of("two registries keep spec order", spec(registries(ECR, ACR), null), List.of(ECR, ACR), null,
            2),
        Arguments.of("a duplicate counts once", spec(registries(ACR, ECR, ACR), null), List.of(ACR, ECR), null, 2),
        Arguments.of("blank and null IDs are skipped", spec(registries(" ", null, ACR), null), List.of(ACR), null,
            1),
        Arguments.of("profile only", spec(null, PROFILE), List.of(), PROFILE, 1),
        Arguments.of("registries and profile", spec(registries(ACR, ECR), PROFILE), List.of(ACR, ECR), PROFILE,
            3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void resolvesOneChildPerRegistryAndOneForTheProfile(String name, ClusterAdditionalConfigSpec spec,
      List<String> registryIds, AutoscalerProfile profile, int size) {
    DesiredChildren children = DesiredChildren.resolve(spec);

    assertThat(children.registryIds()).containsExactlyElementsOf(registryIds);
    assertThat(children.autoscalerProfile()).isEqualTo(profile);
    assertThat(children.size()).isEqualTo(size);
  }

  static ClusterAdditionalConfigSpec spec(List<ContainerRegistryAccess> registries, AutoscalerProfile profile) {
    return new ClusterAdditionalConfigSpec("shop", registries, profile);
  }

  static List<ContainerRegistryAccess> registries(String... ids) {
    return Arrays.stream(ids).map(ContainerRegistryAccess::new).toList();
  }
}
