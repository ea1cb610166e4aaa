package dev.slipway.api.v1alpha1;

/** Condition types shared by every Slipway kind. Kind-specific types are added beside the controllers that set them. */
public final class ConditionTypes {

  /** Summary condition: True when the object is fully reconciled and serving; its reason says why not otherwise. */
  public static final String READY = "Ready";

  private ConditionTypes() {
  }
}
