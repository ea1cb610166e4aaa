package dev.slipway.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonParser;
import dev.slipway.testing.controlplane.Manifests;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The API server itself refuses invalid Slipway objects, with a message naming the offending field. The corpus is
 * {@code invalid-manifests.yaml}; each case is sent as {@code kubectl apply} or {@code kubectl replace} would send
 * it (strict field validation).
 */
@LocalKubernetes
class ValidationIT {

  private static final Corpus CORPUS = Corpus.load();

  static Stream<Case> cases() {
    return CORPUS.cases().stream();
  }

  @Test
  void corpusCoversEveryRuleFamily() {
    assertThat(CORPUS.cases()).hasSizeGreaterThanOrEqualTo(25);
    assertThat(CORPUS.cases()).extracting(Case::base).map(b -> b.replaceAll("-.*", ""))
        .contains("cluster", "nodepool", "machinepool", "cac", "role", "identity");
  }

  @Test
  void everyBaseIsValid(ApiClient client, TestNamespace namespace) {
    CORPUS.bases().forEach((name, base) -> assertThatCode(() -> {
      Map<String, Object> object = deepCopy(base);
      object.put("metadata", new LinkedHashMap<>(Map.of("name", "base-" + name)));
      Manifests.create(client, namespace.name(), object);
    }).as("base %s", name).doesNotThrowAnyException());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedWithAMessageNamingTheField(Case invalid, ApiClient client, TestNamespace namespace)
      throws ApiException {
    Map<String, Object> object = merge(deepCopy(CORPUS.bases().get(invalid.base())), invalid.patch());
    object.put("metadata", new LinkedHashMap<>(Map.of("name", invalid.name())));

    ApiException rejection;
    if (invalid.update() == null) {
      rejection = catchThrowableOfType(ApiException.class,
          () -> Manifests.create(client, namespace.name(), object));
    } else {
      Map<String, Object> stored = Manifests.create(client, namespace.name(), object);
      Map<String, Object> updated = merge(stored, invalid.update());
      rejection = catchThrowableOfType(ApiException.class,
          () -> Manifests.replace(client, namespace.name(), updated));
    }

    assertThat(rejection).as("the API server must refuse %s", invalid).isNotNull();
    assertThat(rejection.getCode()).as("HTTP status").isIn(400, 422);
    String message = JsonParser.parseString(rejection.getResponseBody()).getAsJsonObject().get("message")
        .getAsString();
    assertThat(message).contains(invalid.field()).contains(invalid.message());
  }

  /** One invalid manifest: a base, a patch applied before creating, and optionally an update that must fail. */
  record Case(String name, String base, Map<String, Object> patch, Map<String, Object> update, String field,
      String message) {

    @Override
    public String toString() {
      return name.isEmpty() ? "(empty name)" : name;
    }
  }

  record Corpus(Map<String, Map<String, Object>> bases, List<Case> cases) {

    @SuppressWarnings("unchecked")
    static Corpus load() {
      try (InputStream in = ValidationIT.class.getResourceAsStream("/invalid-manifests.yaml")) {
        Map<String, Object> root = new Yaml().load(in);
        List<Case> cases = ((List<Map<String, Object>>) root.get("cases")).stream()
            .map(c -> new Case((String) c.get("name"), (String) c.get("base"),
                (Map<String, Object>) c.getOrDefault("patch", Map.of()), (Map<String, Object>) c.get("update"),
                (String) c.get("field"), (String) c.get("message")))
            .toList();
        return new Corpus((Map<String, Map<String, Object>>) root.get("bases"), cases);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Deep-merges {@code patch} into {@code target} (JSON merge patch: a null value removes the field). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> target, Map<String, Object> patch) {
    patch.forEach((key, value) -> {
      if (value == null) {
        target.remove(key);
      } else if (value instanceof Map<?, ?> patchMap && target.get(key) instanceof Map<?, ?> targetMap) {
        target.put(key, merge((Map<String, Object>) targetMap, (Map<String, Object>) patchMap));
      } else {
        target.put(key, deepCopyValue(value));
      }
    });
    return target;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, deepCopyValue(v)));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object deepCopyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return deepCopy((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ValidationIT::deepCopyValue).toList();
    }
    return value;
  }
}
