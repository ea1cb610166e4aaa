package dev.slipway.controllers.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorMatchTest {

  private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front");

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("null selector selects nothing", null, WEB, false),
        Arguments.of("empty selector selects everything", new V1LabelSelector(), WEB, true),
        Arguments.of("empty selector selects an unlabelled pod", new V1LabelSelector(), null, true),
        Arguments.of("matchLabels equal", labels(Map.of("app", "web")), WEB, true),
        Arguments.of("matchLabels all must hold", labels(Map.of("app", "web", "tier", "back")), WEB, false),
        Arguments.of("matchLabels missing key", labels(Map.of("team", "shop")), WEB, false),
        Arguments.of("matchLabels on unlabelled pod", labels(Map.of("app", "web")), null, false),
        Arguments.of("In holds", expression("tier", "In", "front", "back"), WEB, true),
        Arguments.of("In other value", expression("tier", "In", "back"), WEB, false),
        Arguments.of("In missing key", expression("zone", "In", "a"), WEB, false),
        Arguments.of("NotIn other value", expression("tier", "NotIn", "back"), WEB, true),
        Arguments.of("NotIn listed value", expression("tier", "NotIn", "front"), WEB, false),
        Arguments.of("NotIn missing key holds", expression("zone", "NotIn", "a"), WEB, true),
        Arguments.of("Exists", expression("app", "Exists"), WEB, true),
        Arguments.of("Exists missing", expression("zone", "Exists"), WEB, false),
        Arguments.of("DoesNotExist missing", expression("zone", "DoesNotExist"), WEB, true),
        Arguments.of("DoesNotExist present", expression("app", "DoesNotExist"), WEB, false),
        Arguments.of("labels and expressions both hold",
            labels(Map.of("app", "web")).addMatchExpressionsItem(requirement("tier", "In", "front")), WEB, true),
        Arguments.of("labels hold, expression does not",
            labels(Map.of("app", "web")).addMatchExpressionsItem(requirement("tier", "NotIn", "front")), WEB, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void matchesLikeTheApiServer(String description, V1LabelSelector selector, Map<String, String> labels,
      boolean expected) {
    assertThat(LabelSelectorMatch.matches(selector, labels)).isEqualTo(expected);
  }

  @Test
  void anUnknownOperatorIsAnError() {
    assertThatThrownBy(() -> LabelSelectorMatch.matches(expression("app", "Gt", "1"), WEB))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Gt");
  }

  private static V1LabelSelector labels(Map<String, String> labels) {
    return new V1LabelSelector().matchLabels(labels);
  }

  private static V1LabelSelector expression(String key, String operator, String... values) {
    return new V1LabelSelector().matchExpressions(List.of(requirement(key, operator, values)));
  }

  private static V1LabelSelectorRequirement requirement(String key, String operator, String... values) {
    return new V1LabelSelectorRequirement().key(key).operator(operator)
        .values(values.length == 0 ? null : List.of(values));
  }
}
