package dev.slipway.controllers.additionalconfig;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What this ClusterAdditionalConfig may have changed in the cloud, kept in annotations on the object itself so that
 * removal is level-based: a registry dropped from the spec (or every one, on deletion) is revoked because it is
 * recorded here, not because an edit event was seen.
 *
 * <p>Why annotations and not status: the cloud ports cannot list grants (only {@code isGranted(id)} for an ID one
 * already knows), so the set of IDs to look at must be remembered somewhere, and status is not a safe memory (it is
 * lost on backup/restore and is meant to be recomputable). {@code status.children} cannot carry the IDs honestly
 * either: ACR resource IDs and ECR ARNs contain slashes and are not object names. Annotations survive apply and
 * server-side apply by GitOps tools (they only touch fields they own). Caveat: a {@code kubectl replace} (PUT) of the
 * whole object drops them, like it drops finalizers; a registry removed in that very same replace would then not
 * be revoked — on deletion the spec's own registries are revoked as well, which covers the common case.
 *
 * <p>Write-ahead: the record is persisted before the cloud is asked to grant or set anything (as a finalizer is
 * persisted before anything external is created), so a crash between the cloud call and the write leaks nothing.
 * An entry is dropped only once the cloud confirms the grant is gone.
 *
 * @param registryIds registry IDs this object granted, or may have granted, sorted
 * @param autoscalerProfileManaged whether this object set the cluster's autoscaler profile
 */
record GrantRecord(SortedSet<String> registryIds, boolean autoscalerProfileManaged) {

  /** JSON array of registry IDs. */
  static final String GRANTED_REGISTRIES = "slipway.dev/granted-registries";
  /** {@code "true"} when this object set the cluster's autoscaler profile. */
  static final String AUTOSCALER_PROFILE_MANAGED = "slipway.dev/autoscaler-profile-managed";

  static final GrantRecord EMPTY = new GrantRecord(new TreeSet<>(), false);

  private static final Gson GSON = new Gson();

  GrantRecord {
    registryIds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(registryIds));
  }

  static GrantRecord of(Collection<String> registryIds, boolean autoscalerProfileManaged) {
    return new GrantRecord(new TreeSet<>(registryIds), autoscalerProfileManaged);
  }

  boolean isEmpty() {
    return registryIds.isEmpty() && !autoscalerProfileManaged;
  }

  /**
   * Reads the record from an object's annotations. An unreadable value (edited by hand) throws: guessing could
   * forget a grant, and the reconcile error names the annotation.
   */
  static GrantRecord fromAnnotations(Map<String, String> annotations) {
    if (annotations == null) {
      return EMPTY;
    }
    String registries = annotations.get(GRANTED_REGISTRIES);
    List<String> ids;
    try {
      ids = registries == null || registries.isBlank() ? List.of()
          : GSON.fromJson(registries, new TypeToken<List<String>>() { }.getType());
    } catch (JsonParseException e) {
      throw new IllegalStateException("annotation " + GRANTED_REGISTRIES + " is not a JSON array of strings: "
          + registries, e);
    }
    return of(ids == null ? List.of() : ids.stream().filter(Objects::nonNull).toList(),
        "true".equals(annotations.get(AUTOSCALER_PROFILE_MANAGED)));
  }

  /** The annotations with this record in them (absent keys for an empty part); the others are kept. */
  Map<String, String> applyTo(Map<String, String> annotations) {
    Map<String, String> result = new HashMap<>(annotations == null ? Map.of() : annotations);
    if (registryIds.isEmpty()) {
      result.remove(GRANTED_REGISTRIES);
    } else {
      result.put(GRANTED_REGISTRIES, GSON.toJson(List.copyOf(registryIds)));
    }
    if (autoscalerProfileManaged) {
      result.put(AUTOSCALER_PROFILE_MANAGED, "true");
    } else {
      result.remove(AUTOSCALER_PROFILE_MANAGED);
    }
    return result;
  }
}
