package dev.slipway.controllers.drain;

import java.util.List;
import java.util.Objects;

/**
 * A pod whose eviction the API server refused in this pass.
 *
 * @param namespace the pod's namespace (its PodDisruptionBudgets live there too)
 * @param name the pod's name
 * @param pdbNames the PodDisruptionBudgets in {@code namespace} that select the pod, sorted; empty when none was
 *     found (then the refusal came from something else, e.g. API server throttling, and {@code message} says what)
 * @param message why, for people: the budgets' state (e.g. "0 disruptions allowed") or the API server's message
 */
public record BlockedPod(String namespace, String name, List<String> pdbNames, String message) {

  public BlockedPod {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    pdbNames = List.copyOf(pdbNames);
    Objects.requireNonNull(message, "message");
  }
}
