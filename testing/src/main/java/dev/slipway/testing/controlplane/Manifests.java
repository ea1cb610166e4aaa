package dev.slipway.testing.controlplane;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Slipway manifests as plain maps, sent the way {@code kubectl apply} sends a new object: a create with strict field
 * validation, so unknown and duplicate fields are errors rather than silently dropped.
 */
public final class Manifests {

  private static final String GROUP = "slipway.dev";
  /** Slipway kinds that are cluster-scoped: created without a namespace (the namespace argument is ignored). */
  private static final java.util.Set<String> CLUSTER_SCOPED = java.util.Set.of("ProviderIdentity");

  private Manifests() {
  }

  /** Every YAML document in a file, in order; empty documents are skipped. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> load(Path file) {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
        if (document != null) {
          documents.add((Map<String, Object>) document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** Creates a slipway.dev object in a namespace with {@code fieldValidation=Strict}; returns what the server stored. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> create(ApiClient client, String namespace, Map<String, Object> object)
      throws ApiException {
    Target target = Target.of(object);
    if (target.clusterScoped()) {
      return (Map<String, Object>) new CustomObjectsApi(client)
          .createClusterCustomObject(GROUP, target.version(), target.plural(), object)
          .fieldValidation("Strict")
          .execute();
    }
    return (Map<String, Object>) new CustomObjectsApi(client)
        .createNamespacedCustomObject(GROUP, target.version(), namespace, target.plural(), object)
        .fieldValidation("Strict")
        .execute();
  }

  /** Replaces a slipway.dev object (an update, as {@code kubectl replace} sends it) with strict field validation. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> replace(ApiClient client, String namespace, Map<String, Object> object)
      throws ApiException {
    Target target = Target.of(object);
    if (target.clusterScoped()) {
      return (Map<String, Object>) new CustomObjectsApi(client)
          .replaceClusterCustomObject(GROUP, target.version(), target.plural(), target.name(), object)
          .fieldValidation("Strict")
          .execute();
    }
    return (Map<String, Object>) new CustomObjectsApi(client)
        .replaceNamespacedCustomObject(GROUP, target.version(), namespace, target.plural(), target.name(), object)
        .fieldValidation("Strict")
        .execute();
  }

  /** Reads a slipway.dev object back. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> get(ApiClient client, String namespace, Map<String, Object> object)
      throws ApiException {
    Target target = Target.of(object);
    if (target.clusterScoped()) {
      return (Map<String, Object>) new CustomObjectsApi(client)
          .getClusterCustomObject(GROUP, target.version(), target.plural(), target.name())
          .execute();
    }
    return (Map<String, Object>) new CustomObjectsApi(client)
        .getNamespacedCustomObject(GROUP, target.version(), namespace, target.plural(), target.name())
        .execute();
  }

  /** Where an object goes: its API version, plural resource name and whether it is cluster-scoped. */
  private record Target(String version, String plural, String name, boolean clusterScoped) {

    @SuppressWarnings("unchecked")
    static Target of(Map<String, Object> object) {
      String apiVersion = Objects.toString(object.get("apiVersion"), "");
      if (!apiVersion.startsWith(GROUP + "/")) {
        throw new IllegalArgumentException("not a " + GROUP + " object: apiVersion " + apiVersion);
      }
      String kind = Objects.toString(object.get("kind"), "");
      // Every Slipway kind's plural is its lower-cased kind plus "s", or "ies" for a final "y" (see
      // config/crd/bases).
      String lower = kind.toLowerCase(Locale.ROOT);
      String plural = lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
      Object metadata = object.get("metadata");
      String name = metadata instanceof Map<?, ?> m ? Objects.toString(((Map<String, Object>) m).get("name"), "")
          : "";
      return new Target(apiVersion.substring(GROUP.length() + 1), plural, name, CLUSTER_SCOPED.contains(kind));
    }
  }
}
