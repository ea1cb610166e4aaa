package dev.slipway.testing.junit;

/**
 * A namespace created for one test class, named after it, so that classes sharing a control plane do not see each
 * other's objects.
 *
 * @param name the namespace name
 */
public record TestNamespace(String name) {
}
