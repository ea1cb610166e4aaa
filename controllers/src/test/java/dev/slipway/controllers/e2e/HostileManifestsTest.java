package dev.slipway.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controllers.e2e.HostileManifests.Hostile;
import dev.slipway.controllers.e2e.HostileManifests.Mutation;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The hostile-manifest generator is reproducible from its seed and says where every mutation hit. */
class HostileManifestsTest {

  private static List<Hostile> generate(long seed, int count) {
    HostileManifests generator = new HostileManifests(seed, List.of("anchor-a", "anchor-b"));
    return IntStream.range(0, count).mapToObj(generator::next).toList();
  }

  @Test
  void theSameSeedGivesTheSameManifests() {
    assertThat(generate(42, 300)).isEqualTo(generate(42, 300));
    assertThat(generate(42, 300)).isNotEqualTo(generate(43, 300));
  }

  @Test
  void everyManifestRecordsWhereItsMutationsHit() {
    for (Hostile hostile : generate(7, 2000)) {
      assertThat(hostile.mutations()).as("#%d", hostile.index()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
      assertThat(hostile.mutations()).extracting(Mutation::path)
          .allMatch(path -> path.equals("metadata.name") || path.startsWith("spec"));
      assertThat(hostile.manifest()).containsKeys("apiVersion", "kind", "metadata", "spec");
    }
  }

  @Test
  void everyMutationKindAndEveryKindOfObjectComesUp() {
    List<Hostile> all = generate(11, 3000);
    assertThat(all).extracting(Hostile::kind).containsOnly("Cluster", "Nodepool", "MachinePool",
        "ClusterAdditionalConfig").contains("Cluster", "Nodepool", "MachinePool", "ClusterAdditionalConfig");
    assertThat(all.stream().flatMap(h -> h.mutations().stream()).map(Mutation::kind).distinct())
        .containsAll(Set.of("drop", "null", "wrong-type", "number", "string", "invalid-enum", "unknown-field",
            "quantity", "duration", "version", "provider-mismatch", "provider-section", "empty-list",
            "oversized-list", "duplicate-entry", "random-object", "invalid-name"));
  }

  @Test
  void aNameForTheFieldIsItsPathOrLastSegment() {
    assertThat(new Mutation("string", "spec.taints[0].effect").names())
        .containsExactly("spec.taints[0].effect", "effect");
    assertThat(new Mutation("empty-list", "spec.template.zones").names())
        .containsExactly("spec.template.zones", "zones");
    assertThat(new Mutation("string", "spec.template.zones[1]").names())
        .containsExactly("spec.template.zones[1]", "zones");
    assertThat(new Mutation("string", "spec.nodeLabels[example.com/tier]").names())
        .containsExactly("spec.nodeLabels[example.com/tier]", "nodeLabels");
    assertThat(new Mutation("provider-mismatch", "spec.provider", List.of("osImage")).names())
        .containsExactly("spec.provider", "provider", "osImage");
  }
}
