package dev.slipway.api.v1alpha1;

/** Reasons of Slipway conditions, CamelCase as Kubernetes conventions ask. */
public final class ConditionReasons {

  /** Everything asked for is in place. */
  public static final String READY = "Ready";
  /** The cloud is creating the resource. */
  public static final String CREATING = "Creating";
  /** The cloud is applying an in-place change (upgrade, scale, labels). */
  public static final String UPDATING = "Updating";
  /** The object is being deleted; its cloud resources are being removed. */
  public static final String DELETING = "Deleting";
  /** The cloud reported a failed operation; the message carries its error code. */
  public static final String CLOUD_OPERATION_FAILED = "CloudOperationFailed";
  /** A cloud call failed in a way that may pass (throttling, 5xx, timeout); retried with backoff. */
  public static final String CLOUD_ERROR = "CloudError";
  /** The cloud asked to come back later (another operation on the cluster, throttling). */
  public static final String CLOUD_BUSY = "CloudBusy";
  /** Cluster.spec.provider names a provider this Slipway does not run. */
  public static final String PROVIDER_NOT_CONFIGURED = "ProviderNotConfigured";
  /**
   * The ProviderIdentity named by the Cluster's spec.identityRef does not exist; no cloud call is made. Not Stalled:
   * it may be on its way (GitOps applies objects in any order), and its creation wakes the Cluster.
   */
  public static final String IDENTITY_NOT_FOUND = "IdentityNotFound";
  /**
   * The Cluster's ProviderIdentity does not allow the Cluster's namespace (spec.allowedNamespaces); no cloud call is
   * made. Stalled: a platform admin must change the identity or the namespace's labels (either change wakes it).
   */
  public static final String IDENTITY_NOT_ALLOWED = "IdentityNotAllowed";
  /** The Cluster's ProviderIdentity is for another provider than the Cluster's; no cloud call is made. Stalled. */
  public static final String IDENTITY_PROVIDER_MISMATCH = "IdentityProviderMismatch";
  /**
   * The Cluster's ProviderIdentity is one its provider cannot act as yet (azure: the provider uses only the controllers'
   * own workload identity); no cloud call is made rather than one as the wrong identity. Stalled.
   */
  public static final String IDENTITY_NOT_SUPPORTED = "IdentityNotSupported";
  /** The Cluster named by spec.clusterName does not exist in this namespace. */
  public static final String CLUSTER_NOT_FOUND = "ClusterNotFound";
  /** The Cluster exists but its control plane or kubeconfig is not ready yet. */
  public static final String CLUSTER_NOT_READY = "ClusterNotReady";
  /** The Cluster is paused. */
  public static final String PAUSED = "Paused";
  /** Waiting for the pool's machines to register as Ready Nodes. */
  public static final String WAITING_FOR_NODES = "WaitingForNodes";
  /** Waiting for dependent objects (Nodepools, MachinePools) to be deleted first. */
  public static final String WAITING_FOR_DEPENDENTS = "WaitingForDependents";
  /** A rollout creates the target pool. */
  public static final String CREATING_TARGET = "CreatingTarget";
  /** A rollout waits for the target pool's nodes. */
  public static final String WAITING_FOR_TARGET = "WaitingForTarget";
  /** A rollout cordons and drains the old nodes. */
  public static final String DRAINING = "Draining";
  /** A rollout deletes the old pool. */
  public static final String DELETING_OLD = "DeletingOld";
  /** A rollout is being cancelled because the spec went back to the active template. */
  public static final String CANCELLING = "Cancelling";
  /** The last rollout completed. */
  public static final String ROLLOUT_COMPLETE = "RolloutComplete";
  /** No rollout is needed. */
  public static final String UP_TO_DATE = "UpToDate";
  /** A pod's eviction is refused by a PodDisruptionBudget. */
  public static final String EVICTION_BLOCKED = "EvictionBlocked";
  /** Evictions are refused beyond the drain timeout and the policy is Wait. */
  public static final String DRAIN_TIMEOUT_WAITING = "DrainTimeoutWaiting";
  /** The drain timeout expired and the ForceDelete policy deleted the remaining pods. */
  public static final String DRAIN_TIMEOUT_FORCED = "DrainTimeoutForced";
  /** Nothing blocks draining. */
  public static final String NOT_BLOCKED = "NotBlocked";
  /** The cloud pool matches the spec. */
  public static final String NO_DRIFT = "NoDrift";
  /** An immutable field of the cloud pool was changed outside Slipway; the pool is replaced. */
  public static final String IMMUTABLE_FIELD_CHANGED = "ImmutableFieldChanged";
  /** The recorded template hash was written by a newer Slipway hash function. */
  public static final String UNKNOWN_HASH_FUNCTION = "UnknownHashFunction";
  /** The provider has no managed cluster autoscaler. */
  public static final String UNSUPPORTED = "Unsupported";

  private ConditionReasons() {
  }

  /** Ready is False because the cloud refused a call in a way retrying cannot fix (Stalled is True with it). */
  public static final String PERMANENT_CLOUD_ERROR = "PermanentCloudError";

  /**
   * MachinePool: an older MachinePool of the same Cluster names the same cloud pool, so this one acts on nothing
   * (Stalled is True with it until the other is deleted or this one is).
   */
  public static final String CLOUD_POOL_CLAIMED = "CloudPoolClaimed";
}
