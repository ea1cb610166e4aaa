/**
 * A protocol-faithful fake of Azure Resource Manager for AKS ({@link dev.slipway.testing.azure.FakeArm}), served over
 * HTTPS to the real Azure SDK: managed clusters, agent pools and their scale-set instances, long-running operations
 * polled the ARM way, role assignments and definitions, and a managed identity token endpoint. Time is an injected
 * clock ({@link dev.slipway.testing.ManualClock} in tests) and state moves lazily on each request.
 *
 * <p>The rules AKS enforces live in small pure classes ({@code AgentPoolRules}, {@code KubernetesVersions},
 * {@code AutoScalerProfiles}, {@code NodeNames}, {@code RoleAssignmentFilter}); the resource providers
 * ({@code ContainerService}, {@code Authorization}) hold state under the fake's one lock; {@code ArmDispatcher} is the
 * front door (authentication, faults, request log, routing).
 */
package dev.slipway.testing.azure;
