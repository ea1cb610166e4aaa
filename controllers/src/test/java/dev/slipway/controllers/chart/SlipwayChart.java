package dev.slipway.controllers.chart;

import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.tools.Helm;
import dev.slipway.testing.tools.ToolResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Helm chart in {@code charts/slipway}, linted and rendered by the real helm of {@link Helm#locate()} (built by
 * the project's own {@code hack/helm/build.sh}). Rendering is {@code helm template}: the chart's templates only, not
 * its {@code crds/} folder, which tests install on their own.
 */
public final class SlipwayChart {

  private SlipwayChart() {
  }

  /** The chart's folder. */
  public static Path directory() {
    return ProjectLayout.root().resolve("charts/slipway");
  }

  /** A values file of the tests, in {@code controllers/src/test/resources/chart}. */
  public static Path testValues(String fileName) {
    return ProjectLayout.root().resolve("controllers/src/test/resources/chart").resolve(fileName);
  }

  /** {@code helm lint --strict} of the chart with extra arguments (e.g. {@code -f values.yaml}). */
  public static ToolResult lint(String... args) {
    List<String> command = new ArrayList<>(List.of("lint", "--strict", directory().toString()));
    command.addAll(List.of(args));
    return Helm.locate().run(null, command.toArray(new String[0]));
  }

  /** {@code helm template} of the chart as release {@code release} in {@code namespace}, with extra arguments. */
  public static ToolResult template(String release, String namespace, String... args) {
    List<String> command = new ArrayList<>(List.of("template", release, directory().toString(),
        "--namespace", namespace));
    command.addAll(List.of(args));
    return Helm.locate().run(null, command.toArray(new String[0]));
  }

  /** The rendered manifests as maps, in helm's order; fails with helm's message if rendering fails. */
  public static List<Map<String, Object>> render(String release, String namespace, String... args) {
    ToolResult result = template(release, namespace, args);
    if (!result.succeeded()) {
      throw new IllegalStateException("helm template " + String.join(" ", args) + " failed: " + result.stderr());
    }
    return documents(result.stdout());
  }

  /** Every non-empty YAML document of a multi-document stream. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return documents;
  }

  /** The manifests of one kind. */
  public static List<Map<String, Object>> ofKind(List<Map<String, Object>> manifests, String kind) {
    return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
  }

  /** The one manifest of a kind and name; fails if there is none or more than one. */
  public static Map<String, Object> one(List<Map<String, Object>> manifests, String kind, String name) {
    List<Map<String, Object>> found = ofKind(manifests, kind).stream()
        .filter(m -> Objects.equals(name, metadata(m).get("name"))).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + " " + name + " in the rendered chart, found " + found.size());
    }
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> metadata(Map<String, Object> manifest) {
    return (Map<String, Object>) manifest.get("metadata");
  }
}
