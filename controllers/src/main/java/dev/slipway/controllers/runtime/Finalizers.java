package dev.slipway.controllers.runtime;

import dev.slipway.api.v1alpha1.SlipwayResource;
import java.util.ArrayList;
import java.util.List;

/** Adds and removes Slipway's finalizer. Both write only when something changes. */
public final class Finalizers {

  private Finalizers() {
  }

  public static boolean has(SlipwayResource<?, ?> object) {
    List<String> finalizers = object.getMetadata().getFinalizers();
    return finalizers != null && finalizers.contains(Labels.FINALIZER);
  }

  /**
   * Persists the finalizer before anything external is created, returning the stored object (or the same one when
   * the finalizer was already there). Note: the caller must continue from the returned object: its
   * resourceVersion is the one later writes are checked against.
   */
  public static <T extends SlipwayResource<?, ?>> T ensure(T object, ResourceWriter writer) {
    if (has(object)) {
      return object;
    }
    List<String> finalizers = new ArrayList<>(object.getMetadata().getFinalizers() == null ? List.of()
        : object.getMetadata().getFinalizers());
    finalizers.add(Labels.FINALIZER);
    object.getMetadata().setFinalizers(finalizers);
    return writer.update(object);
  }

  /** Removes the finalizer once the object's external resources are gone; the API server then deletes it. */
  public static void remove(SlipwayResource<?, ?> object, ResourceWriter writer) {
    if (!has(object)) {
      return;
    }
    List<String> finalizers = new ArrayList<>(object.getMetadata().getFinalizers());
    finalizers.remove(Labels.FINALIZER);
    object.getMetadata().setFinalizers(finalizers);
    writer.update(object);
  }
}
