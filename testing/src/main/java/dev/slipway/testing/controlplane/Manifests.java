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
    return (Map<String, Object>) new CustomObjectsApi(client)
        .getNamespacedCustomObject(GROUP, target.version(), namespace, target.plural(), target.name())
        .execute();
  }

  /** Where an object goes: its API version and plural resource name. */
  private record Target(String version, String plural, String name) {

    @SuppressWarnings("unchecked")
    static Target of(Map<String, Object> object) {
      String apiVersion = Objects.toString(object.get("apiVersion"), "");
      if (!apiVersion.startsWith(GROUP + "/")) {
        throw new IllegalArgumentException("not a " + GROUP + " object: apiVersion " + apiVersion);
      }
      String kind = Objects.toString(object.get("kind"), "");
      // Every Slipway kind's plural is its lower-cased kind plus "s" (see config/crd/bases).
      String plural = kind.toLowerCase(Locale.ROOT) + "s";
      Object metadata = object.get("metadata");
      String name = metadata instanceof Map<?, ?> m ? Objects.toString(((Map<String, Object>) m).get("name"), "")
          : "";
      return new Target(apiVersion.substring(GROUP.length() + 1), plural, name);
    }
  }
}
