package dev.slipway.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java types are the source of truth for the CRDs: the build generates them into target/generated-crds, and this
 * test fails when the committed copies in config/crd/bases differ. Fix a failure with
 * {@code ./mvnw -pl api -P update-crds process-classes} and commit the result.
 */
class GeneratedCrdsTest {

  private static final String FIX = "config/crd/bases is out of date with the Java types in api/: run "
      + "'./mvnw -pl api -P update-crds process-classes' and commit the result";

  private final Path generated = Path.of("target", "generated-crds");
  private final Path committed = Path.of(System.getProperty("slipway.projectRoot", ".."), "config", "crd", "bases");

  @Test
  void committedCrdsMatchTheJavaTypes() throws IOException {
    List<String> generatedNames = fileNames(generated);
    assertThat(generatedNames).as("generated CRDs").hasSize(6);
    assertThat(fileNames(committed)).as(FIX).isEqualTo(generatedNames);
    for (String name : generatedNames) {
      assertThat(Files.readString(committed.resolve(name)))
          .as(FIX + " (" + name + ")")
          .isEqualTo(Files.readString(generated.resolve(name)));
    }
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
    }
  }
}
