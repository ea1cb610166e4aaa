package dev.slipway.provider;

/** A cloud resource's lifecycle as Slipway reads it, whatever words the cloud uses. */
public enum ProvisioningPhase {
  /** The resource does not exist. */
  ABSENT,
  /** Being created. */
  CREATING,
  /** Exists and is serving; an in-place change may still be applied to it. */
  READY,
  /** Exists and an in-place change (scale, upgrade, labels) is being applied. */
  UPDATING,
  /** Being deleted. */
  DELETING,
  /** The last operation failed; {@code message} says why. */
  FAILED
}
