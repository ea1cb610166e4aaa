package dev.slipway.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Java types are the source of truth for the CRDs: the build generates them into target/generated-crds, and this
 * test fails when the committed copies in config/crd/bases, or the Helm chart's copies in charts/slipway/crds (Helm
 * installs CRDs only from a chart's own crds/ folder), differ. Fix a failure with
 * {@code ./mvnw -pl api -P update-crds process-classes}, which writes both, and commit the result.
 */
class GeneratedCrdsTest {

  private static final String FIX = " is out of date with the Java types in api/: run "
      + "'./mvnw -pl api -P update-crds process-classes' (it writes config/crd/bases and charts/slipway/crds) and "
      + "commit the result";

  private final Path generated = Path.of("target", "generated-crds");
  private final Path root = Path.of(System.getProperty("slipway.projectRoot", ".."));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"config/crd/bases", "charts/slipway/crds"})
  void committedCrdsMatchTheJavaTypes(String folder) throws IOException {
    Path committed = root.resolve(folder);
    List<String> generatedNames = fileNames(generated);
    assertThat(generatedNames).as("generated CRDs").hasSize(7);
    assertThat(fileNames(committed)).as(folder + FIX).isEqualTo(generatedNames);
    for (String name : generatedNames) {
      assertThat(Files.readString(committed.resolve(name)))
          .as(folder + FIX + " (" + name + ")")
          .isEqualTo(Files.readString(generated.resolve(name)));
    }
  }

  @Test
  void everyFieldHasADescriptionForKubectlExplain() throws IOException {
    List<String> undescribed = new ArrayList<>();
    for (String name : fileNames(generated)) {
      Map<String, Object> crd = new Yaml().load(Files.readString(generated.resolve(name)));
      for (Map<String, Object> version : list(map(crd.get("spec")).get("versions"))) {
        collectUndescribed(map(map(version.get("schema")).get("openAPIV3Schema")), name + ":", undescribed);
      }
    }
    assertThat(undescribed).as("fields without a description").isEmpty();
  }

  private static void collectUndescribed(Map<String, Object> schema, String path, List<String> undescribed) {
    Object properties = schema.get("properties");
    if (properties != null) {
      map(properties).forEach((field, value) -> {
        Map<String, Object> property = map(value);
        if (!property.containsKey("description")) {
          undescribed.add(path + "." + field);
        }
        collectUndescribed(property, path + "." + field, undescribed);
      });
    }
    if (schema.get("items") != null) {
      collectUndescribed(map(schema.get("items")), path + "[]", undescribed);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json"))
          .sorted().toList();
    }
  }
}
