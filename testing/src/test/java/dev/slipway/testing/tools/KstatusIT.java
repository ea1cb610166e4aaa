package dev.slipway.testing.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.testing.tools.Kstatus.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kstatus (sigs.k8s.io/cli-utils) on hand-written objects of a custom kind, for each rule GitOps tools rely on. The
 * objects are shaped like Slipway's: {@code metadata.generation}, {@code status.observedGeneration} and
 * {@code status.conditions}.
 */
class KstatusIT {

  private final Kstatus kstatus = Kstatus.locate();

  @Test
  void anUnobservedGenerationIsInProgress() {
    Result result = single(object("pool", 3, """
        "status": {"observedGeneration": 2, "conditions": [%s]}""".formatted(condition("Ready", "True", "ok"))));

    assertThat(result.status()).isEqualTo("InProgress");
    assertThat(result.message()).contains("generation is 3").contains("observed generation is 2");
  }

  @Test
  void stalledIsFailed() {
    Result result = single(object("pool", 1, """
        "status": {"observedGeneration": 1, "conditions": [%s]}"""
        .formatted(condition("Stalled", "True", "drain blocked by PodDisruptionBudget web"))));

    assertThat(result.status()).isEqualTo("Failed");
    assertThat(result.message()).isEqualTo("drain blocked by PodDisruptionBudget web");
  }

  @Test
  void reconcilingIsInProgress() {
    Result result = single(object("pool", 1, """
        "status": {"observedGeneration": 1, "conditions": [%s, %s]}"""
        .formatted(condition("Reconciling", "True", "2 of 3 nodes replaced"), condition("Ready", "True", "ok"))));

    assertThat(result.status()).isEqualTo("InProgress");
    assertThat(result.message()).isEqualTo("2 of 3 nodes replaced");
  }

  @Test
  void reconcilingWinsOverStalled() {
    Result result = single(object("pool", 1, """
        "status": {"observedGeneration": 1, "conditions": [%s, %s]}"""
        .formatted(condition("Reconciling", "True", "retrying"), condition("Stalled", "True", "blocked"))));

    assertThat(result.status()).isEqualTo("InProgress");
  }

  @Test
  void readyFalseIsInProgress() {
    Result result = single(object("pool", 1, """
        "status": {"observedGeneration": 1, "conditions": [%s]}"""
        .formatted(condition("Ready", "False", "waiting for nodes"))));

    assertThat(result.status()).isEqualTo("InProgress");
    assertThat(result.message()).isEqualTo("waiting for nodes");
  }

  @Test
  void readyAndObservedIsCurrent() {
    Result result = single(object("pool", 4, """
        "status": {"observedGeneration": 4, "conditions": [%s, %s, %s]}"""
        .formatted(condition("Ready", "True", "3 nodes ready"), condition("Reconciling", "False", "done"),
            condition("Stalled", "False", "fine"))));

    assertThat(result.status()).isEqualTo("Current");
  }

  @Test
  void beingDeletedIsTerminating() {
    String deleting = """
        {"apiVersion": "slipway.dev/v1alpha1", "kind": "NodePool",
         "metadata": {"name": "pool", "namespace": "fleet", "generation": 2,
                      "deletionTimestamp": "2026-01-01T00:00:00Z", "finalizers": ["slipway.dev/nodepool"]},
         "status": {"observedGeneration": 2, "conditions": [%s]}}"""
        .formatted(condition("Ready", "True", "ok"));

    assertThat(single(deleting).status()).isEqualTo("Terminating");
  }

  @Test
  void resultsFollowTheInputOrder() {
    List<Result> results = kstatus.compute("[" + object("a", 2, "\"status\": {\"observedGeneration\": 1}") + ","
        + object("b", 1, "\"status\": {\"observedGeneration\": 1}") + "]");

    assertThat(results).extracting(Result::kind, Result::name, Result::status).containsExactly(
        tuple("NodePool", "a", "InProgress"),
        tuple("NodePool", "b", "Current"));
  }

  @Test
  void yamlDocumentsAreAccepted() {
    List<Result> results = kstatus.compute("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, generation: 2}
        spec: {replicas: 1}
        status: {observedGeneration: 1}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        """);

    assertThat(results).extracting(Result::name, Result::status)
        .containsExactly(tuple("web", "InProgress"),
            tuple("settings", "Current"));
  }

  @Test
  void malformedConditionsAreAnError() {
    assertThatThrownBy(() -> kstatus.compute("[" + object("pool", 1, "\"status\": {\"conditions\": \"oops\"}") + "]"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NodePool pool");
  }

  private Result single(String object) {
    List<Result> results = kstatus.compute("[" + object + "]");
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static String object(String name, long generation, String status) {
    return """
        {"apiVersion": "slipway.dev/v1alpha1", "kind": "NodePool",
         "metadata": {"name": "%s", "namespace": "fleet", "generation": %d}, %s}"""
        .formatted(name, generation, status);
  }

  private static String condition(String type, String status, String message) {
    return """
        {"type": "%s", "status": "%s", "reason": "Test", "message": "%s",
         "lastTransitionTime": "2026-01-01T00:00:00Z"}""".formatted(type, status, message);
  }
}
