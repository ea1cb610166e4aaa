package dev.slipway.controllers.drain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetSpec;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudgetStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisruptionBudgetsTest {

  private static final V1Pod WEB_POD = new V1Pod().metadata(new V1ObjectMeta()
      .namespace("shop").name("web-7c9d").labels(Map.of("app", "web")));

  @Test
  void selectsTheBudgetsOfThePodsNamespaceWhoseSelectorMatchesSortedByName() {
    List<V1PodDisruptionBudget> budgets = List.of(
        budget("shop", "web-pdb", new V1LabelSelector().matchLabels(Map.of("app", "web"))),
        budget("shop", "api-pdb", new V1LabelSelector().matchLabels(Map.of("app", "api"))),
        budget("other", "web-pdb", new V1LabelSelector().matchLabels(Map.of("app", "web"))),
        budget("shop", "all-pdb", new V1LabelSelector()),
        budget("shop", "none-pdb", null));

    assertThat(DisruptionBudgets.selecting(budgets, WEB_POD))
        .extracting(b -> b.getMetadata().getNamespace() + "/" + b.getMetadata().getName())
        .containsExactly("shop/all-pdb", "shop/web-pdb");
  }

  @Test
  void describesOneBudgetByItsStatus() {
    V1PodDisruptionBudget budget = budget("shop", "web-pdb", new V1LabelSelector())
        .status(new V1PodDisruptionBudgetStatus().disruptionsAllowed(0).currentHealthy(5).desiredHealthy(5)
            .expectedPods(6));
    assertThat(DisruptionBudgets.describe(List.of(budget)))
        .isEqualTo("0 disruptions allowed, 5 healthy of 5 required");
  }

  @Test
  void describesSeveralBudgetsByNameAndABudgetWithoutStatus() {
    V1PodDisruptionBudget counted = budget("shop", "a", new V1LabelSelector())
        .status(new V1PodDisruptionBudgetStatus().disruptionsAllowed(1));
    V1PodDisruptionBudget fresh = budget("shop", "b", new V1LabelSelector());
    assertThat(DisruptionBudgets.describe(List.of(counted, fresh)))
        .isEqualTo("a: 1 disruption allowed, b: status not yet computed by the disruption controller");
  }

  private static V1PodDisruptionBudget budget(String namespace, String name, V1LabelSelector selector) {
    return new V1PodDisruptionBudget().metadata(new V1ObjectMeta().namespace(namespace).name(name))
        .spec(new V1PodDisruptionBudgetSpec().selector(selector));
  }
}
