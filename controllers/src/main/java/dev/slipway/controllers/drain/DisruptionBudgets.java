package dev.slipway.controllers.drain;

import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Which PodDisruptionBudgets protect a pod, and how to say why they refuse its eviction. Pure. */
final class DisruptionBudgets {

  private DisruptionBudgets() {
  }

  /**
   * The budgets among {@code budgets} that select {@code pod}: same namespace and a selector matching its labels.
   * Sorted by name, so that messages built from them are stable.
   */
  static List<V1PodDisruptionBudget> selecting(List<V1PodDisruptionBudget> budgets, V1Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    return budgets.stream()
        .filter(b -> Objects.equals(namespace, b.getMetadata().getNamespace()))
        .filter(b -> b.getSpec() != null
            && LabelSelectorMatch.matches(b.getSpec().getSelector(), pod.getMetadata().getLabels()))
        .sorted(Comparator.comparing(b -> b.getMetadata().getName()))
        .toList();
  }

  /**
   * Why these budgets refuse a disruption, from their status, e.g. {@code 0 disruptions allowed, 5 of 5 required
   * pods healthy}; with several budgets, each is prefixed by its name.
   */
  static String describe(List<V1PodDisruptionBudget> budgets) {
    if (budgets.size() == 1) {
      return describe(budgets.get(0).getStatus());
    }
    return budgets.stream()
        .map(b -> b.getMetadata().getName() + ": " + describe(b.getStatus()))
        .collect(Collectors.joining(", "));
  }

  private static String describe(V1PodDisruptionBudgetStatus status) {
    if (status == null || status.getDisruptionsAllowed() == null) {
      return "status not yet computed by the disruption controller";
    }
    int allowed = status.getDisruptionsAllowed();
    String text = allowed + (allowed == 1 ? " disruption" : " disruptions") + " allowed";
    if (status.getDesiredHealthy() != null && status.getCurrentHealthy() != null) {
      text += ", " + status.getCurrentHealthy() + " healthy of " + status.getDesiredHealthy() + " required";
    }
    return text;
  }
}
