package dev.slipway.controllers.drain;

import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Whether a {@link V1LabelSelector} selects a set of labels, with the semantics of apimachinery's
 * {@code LabelSelectorAsSelector} as the policy/v1 PodDisruptionBudget uses them: a null selector selects nothing,
 * an empty selector selects everything, {@code NotIn} and {@code DoesNotExist} hold for a missing key.
 *
 * <p>Written out rather than taken from {@code io.kubernetes.client.util.labels.LabelSelector} so that these edge
 * cases, which decide which PodDisruptionBudget a condition message names, are pinned by our own tests.
 */
final class LabelSelectorMatch {

  private LabelSelectorMatch() {
  }

  /**
   * @param selector the selector, null meaning "selects nothing"
   * @param labels the object's labels, null meaning none
   * @throws IllegalArgumentException for an operator the API server would not have accepted
   */
  static boolean matches(V1LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> required : selector.getMatchLabels().entrySet()) {
        if (!required.getValue().equals(actual.get(required.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (V1LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!matches(requirement, actual)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(V1LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    switch (requirement.getOperator()) {
      case "In":
        return value != null && values.contains(value);
      case "NotIn":
        return value == null || !values.contains(value);
      case "Exists":
        return value != null;
      case "DoesNotExist":
        return value == null;
      default:
        throw new IllegalArgumentException("unknown label selector operator '" + requirement.getOperator()
            + "' for key " + requirement.getKey());
    }
  }
}
