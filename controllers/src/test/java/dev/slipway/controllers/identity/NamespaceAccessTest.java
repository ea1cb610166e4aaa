package dev.slipway.controllers.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.AllowedNamespaces;
import dev.slipway.api.v1alpha1.LabelSelector;
import dev.slipway.api.v1alpha1.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CAPA's allowedNamespaces semantics, as a table. */
class NamespaceAccessTest {

  private static final Map<String, String> TEAM_A = Map.of("team", "a", "environment", "dev");

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("absent: no namespace", null, "team-a", TEAM_A, false),
        Arguments.of("empty: every namespace", new AllowedNamespaces(null, null), "anything", Map.of(), true),
        Arguments.of("empty list, no selector: none", new AllowedNamespaces(List.of(), null), "team-a", TEAM_A,
            false),
        Arguments.of("in the list", new AllowedNamespaces(List.of("team-b", "team-a"), null), "team-a", Map.of(),
            true),
        Arguments.of("not in the list", new AllowedNamespaces(List.of("team-b"), null), "team-a", TEAM_A, false),
        Arguments.of("empty selector matches nothing", new AllowedNamespaces(null, new LabelSelector(null, null)),
            "team-a", TEAM_A, false),
        Arguments.of("matchLabels match", selector(Map.of("team", "a"), null), "team-a", TEAM_A, true),
        Arguments.of("matchLabels differ", selector(Map.of("team", "b"), null), "team-a", TEAM_A, false),
        Arguments.of("labels unknown", selector(Map.of("team", "a"), null), "team-a", null, false),
        Arguments.of("In", selector(null, List.of(new LabelSelectorRequirement("environment", "In",
            List.of("dev", "test")))), "team-a", TEAM_A, true),
        Arguments.of("NotIn", selector(null, List.of(new LabelSelectorRequirement("environment", "NotIn",
            List.of("dev")))), "team-a", TEAM_A, false),
        Arguments.of("Exists", selector(null, List.of(new LabelSelectorRequirement("team", "Exists", null))),
            "team-a", TEAM_A, true),
        Arguments.of("DoesNotExist", selector(null, List.of(new LabelSelectorRequirement("team", "DoesNotExist",
            null))), "team-a", TEAM_A, false),
        Arguments.of("labels and expressions must all hold", selector(Map.of("team", "a"),
            List.of(new LabelSelectorRequirement("frozen", "Exists", null))), "team-a", TEAM_A, false),
        Arguments.of("list OR selector", new AllowedNamespaces(List.of("team-b"),
            new LabelSelector(Map.of("team", "a"), null)), "team-a", TEAM_A, true),
        Arguments.of("unknown operator admits nothing", selector(null, List.of(new LabelSelectorRequirement("team",
            "Absent", null))), "team-a", TEAM_A, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void allows(String description, AllowedNamespaces allowed, String namespace, Map<String, String> labels,
      boolean expected) {
    assertThat(NamespaceAccess.allows(allowed, namespace, labels)).isEqualTo(expected);
  }

  private static AllowedNamespaces selector(Map<String, String> labels, List<LabelSelectorRequirement> expressions) {
    return new AllowedNamespaces(null, new LabelSelector(labels, expressions));
  }
}
