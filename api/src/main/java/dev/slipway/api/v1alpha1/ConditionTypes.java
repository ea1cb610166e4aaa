package dev.slipway.api.v1alpha1;

/**
 * Condition types of the Slipway kinds. Every kind has the summary {@link #READY}; the others say which part of the
 * object is not there yet. Reasons are in {@link ConditionReasons}.
 */
public final class ConditionTypes {

  /** Summary condition: True when the object is fully reconciled and serving; its reason says why not otherwise. */
  public static final String READY = "Ready";

  /** Cluster: the cloud's control plane exists, runs spec.version and is serving. */
  public static final String CONTROL_PLANE_READY = "ControlPlaneReady";

  /** Cluster: the kubeconfig Secret exists and holds current credentials. */
  public static final String KUBECONFIG_READY = "KubeconfigReady";

  /** Any kind: the provider named by the Cluster is configured in this Slipway and the cloud accepts the calls. */
  public static final String PROVIDER_READY = "ProviderReady";

  /** MachinePool: the cloud pool exists and matches the spec's in-place fields. */
  public static final String CLOUD_POOL_READY = "CloudPoolReady";

  /** MachinePool: every machine of the pool has a Ready Node in the workload cluster. */
  public static final String NODES_READY = "NodesReady";

  /** Nodepool: a replacement of the pool is in progress (True) or none is (False, with the last outcome). */
  public static final String ROLLING_OUT = "RollingOut";

  /** Nodepool: draining old nodes is blocked by pods whose eviction is refused; the message names pods and PDBs. */
  public static final String DRAIN_BLOCKED = "DrainBlocked";

  /** Nodepool: the cloud pool differs from the spec in a field Slipway cannot change in place (out-of-band edit). */
  public static final String DRIFTED = "Drifted";

  /** Any kind: spec.paused (on the Cluster) stops Slipway from acting on the object. */
  public static final String PAUSED = "Paused";

  /** ClusterAdditionalConfig: every registry in spec.containerRegistries can be pulled from. */
  public static final String REGISTRY_ACCESS_READY = "RegistryAccessReady";

  /** ClusterAdditionalConfig: the cluster-autoscaler profile is applied. */
  public static final String AUTOSCALER_PROFILE_READY = "AutoscalerProfileReady";

  private ConditionTypes() {
  }

  /**
   * kstatus' "abnormal-true" condition: present and True while the controller is still working towards Ready (a
   * rollout, a cloud operation, a wait), absent once Ready. Flux and other kstatus readers report InProgress.
   */
  public static final String RECONCILING = "Reconciling";

  /**
   * kstatus' "abnormal-true" condition: present and True when the controller cannot make progress without a human
   * (a permanent cloud error, a provider that is not configured, an unsupported change). kstatus reports Failed; Argo
   * CD, with Slipway's health checks, Degraded.
   */
  public static final String STALLED = "Stalled";
}
