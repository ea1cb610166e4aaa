package dev.slipway.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.Manifests;
import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.junit.LocalKubernetes;
import dev.slipway.testing.junit.TestNamespace;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in config/samples is accepted by the real API server with its generated CRDs, reads back as written
 * plus the schema's defaults, and works with the official client's generic API and informers through the Java types.
 */
@LocalKubernetes
class SamplesIT {

  static Stream<Path> samples() throws Exception {
    try (Stream<Path> files = Files.list(ProjectLayout.samplesDirectory())) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @BeforeAll
  static void applySamples(ApiClient client, TestNamespace namespace) throws Exception {
    for (Path sample : samples().toList()) {
      for (Map<String, Object> document : Manifests.load(sample)) {
        Manifests.create(client, namespace.name(), document);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleIsStoredAsWrittenPlusDefaults(Path sample, ApiClient client, TestNamespace namespace)
      throws ApiException {
    List<Map<String, Object>> documents = Manifests.load(sample);
    assertThat(documents).isNotEmpty();
    for (Map<String, Object> document : documents) {
      Map<String, Object> stored = Manifests.get(client, namespace.name(), document);

      assertThat(stored.get("spec")).as("spec of %s", name(document))
          .satisfies(spec -> assertContainsAll(document.get("spec"), spec, "spec"));
      assertDefaultsApplied(document, stored);
    }
  }

  @Test
  void javaTypesReadTheSamplesThroughTheGenericApi(ApiClient client, TestNamespace namespace) throws ApiException {
    GenericKubernetesApi<Nodepool, Nodepool.List> nodepools = new GenericKubernetesApi<>(
        Nodepool.class, Nodepool.List.class, SlipwayResource.GROUP, SlipwayResource.VERSION, Nodepool.PLURAL, client);

    Nodepool apps = nodepools.get(namespace.name(), "payments-weu-apps").throwsApiException().getObject();

    assertThat(apps.getKind()).isEqualTo("Nodepool");
    assertThat(apps.getSpec().autoscaling()).isEqualTo(new Autoscaling(2, 20));
    assertThat(apps.getSpec().template().osImage()).isEqualTo(OsImage.Ubuntu);
    assertThat(apps.getSpec().template().capacityType()).isEqualTo(MachineTemplate.CapacityType.OnDemand);
    assertThat(apps.getSpec().template().architecture()).isEqualTo(MachineTemplate.Architecture.AMD64);
    assertThat(apps.getSpec().rollout())
        .isEqualTo(new RolloutPolicy("20m", RolloutPolicy.DrainTimeoutAction.Wait, 2));

    Cluster cluster = new GenericKubernetesApi<>(Cluster.class, Cluster.List.class, SlipwayResource.GROUP,
        SlipwayResource.VERSION, Cluster.PLURAL, client)
        .get(namespace.name(), "checkout-euw1").throwsApiException().getObject();
    assertThat(cluster.getSpec().provider()).isEqualTo(CloudProvider.AWS);
    assertThat(cluster.getSpec().aws().subnetIds()).hasSize(3);
    assertThat(cluster.getSpec().paused()).isFalse();
  }

  @Test
  void statusSubresourceRoundTripsConditions(ApiClient client, TestNamespace namespace) throws ApiException {
    GenericKubernetesApi<Cluster, Cluster.List> clusters = new GenericKubernetesApi<>(Cluster.class,
        Cluster.List.class, SlipwayResource.GROUP, SlipwayResource.VERSION, Cluster.PLURAL, client);
    Cluster cluster = clusters.get(namespace.name(), "dev-sim").throwsApiException().getObject();
    OffsetDateTime now = OffsetDateTime.of(2026, 11, 21, 12, 0, 0, 0, ZoneOffset.UTC);
    cluster.setStatus(new ClusterStatus(cluster.getMetadata().getGeneration(), "Provisioning",
        List.of(new Condition(ConditionTypes.READY, ConditionStatus.FALSE, cluster.getMetadata().getGeneration(),
            now, "ControlPlaneCreating", "creating the control plane")),
        null, null, null, null));

    // PUT /status carries metadata.resourceVersion, so a concurrent writer's change is refused rather than lost.
    new CustomObjectsApi(client).replaceNamespacedCustomObjectStatus(SlipwayResource.GROUP, SlipwayResource.VERSION,
        namespace.name(), Cluster.PLURAL, "dev-sim", cluster).execute();

    Cluster stored = clusters.get(namespace.name(), "dev-sim").throwsApiException().getObject();
    assertThat(stored.getStatus().conditions()).singleElement()
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo(ConditionStatus.FALSE);
          assertThat(c.lastTransitionTime()).isEqualTo(now);
          assertThat(c.reason()).isEqualTo("ControlPlaneCreating");
        });
    assertThat(stored.getSpec()).as("a status write leaves spec alone").isEqualTo(cluster.getSpec());
  }

  @Test
  void informerCachesTheSampleNodepools(LocalControlPlane controlPlane, TestNamespace namespace) {
    ApiClient watchClient = controlPlane.newApiClient();
    watchClient.setReadTimeout(0);
    SharedInformerFactory factory = new SharedInformerFactory(watchClient);
    SharedIndexInformer<Nodepool> informer = factory.sharedIndexInformerFor(
        new GenericKubernetesApi<>(Nodepool.class, Nodepool.List.class, SlipwayResource.GROUP,
            SlipwayResource.VERSION, Nodepool.PLURAL, watchClient),
        Nodepool.class, 0, namespace.name());
    factory.startAllRegisteredInformers();
    try {
      await().atMost(Duration.ofSeconds(30)).until(informer::hasSynced);
      assertThat(informer.getIndexer().list()).extracting(n -> n.getMetadata().getName())
          .containsExactlyInAnyOrder("payments-weu-system", "payments-weu-apps", "checkout-euw1-bottlerocket",
              "checkout-euw1-al2", "dev-sim-system", "dev-sim-apps");
    } finally {
      factory.stopAllRegisteredInformers();
    }
  }

  /** Defaults the schema promises, by kind; a sample that sets a field itself keeps its value. */
  @SuppressWarnings("unchecked")
  private static void assertDefaultsApplied(Map<String, Object> written, Map<String, Object> stored) {
    Map<String, Object> spec = (Map<String, Object>) stored.get("spec");
    switch ((String) written.get("kind")) {
      case "Cluster" -> assertThat(spec).containsEntry("paused", false);
      case "Nodepool" -> {
        assertThat(spec).containsKey("mode");
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        assertThat(template).containsKeys("architecture", "capacityType", "diskSize");
        Map<String, Object> rollout = (Map<String, Object>) spec.get("rollout");
        assertThat(rollout).containsKeys("drainTimeout", "onDrainTimeout", "maxConcurrentDrains");
      }
      case "ClusterAdditionalConfig" -> assertThat(spec).containsKeys("clusterName", "containerRegistries");
      default -> throw new AssertionError("no default expectations for kind " + written.get("kind"));
    }
  }

  /** Every field of {@code expected} is in {@code actual} with the same value; {@code actual} may hold more. */
  @SuppressWarnings("unchecked")
  private static void assertContainsAll(Object expected, Object actual, String path) {
    if (expected instanceof Map<?, ?> expectedMap) {
      assertThat(actual).as(path).isInstanceOf(Map.class);
      Map<String, Object> actualMap = (Map<String, Object>) actual;
      expectedMap.forEach((key, value) -> {
        assertThat(actualMap).as(path).containsKey((String) key);
        assertContainsAll(value, actualMap.get(key), path + "." + key);
      });
    } else if (expected instanceof List<?> expectedList) {
      assertThat(actual).as(path).isInstanceOf(List.class);
      List<Object> actualList = (List<Object>) actual;
      assertThat(actualList).as(path).hasSameSizeAs(expectedList);
      for (int i = 0; i < expectedList.size(); i++) {
        assertContainsAll(expectedList.get(i), actualList.get(i), path + "[" + i + "]");
      }
    } else if (expected instanceof Number number) {
      assertThat(((Number) actual).doubleValue()).as(path).isEqualTo(number.doubleValue());
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  @SuppressWarnings("unchecked")
  private static String name(Map<String, Object> document) {
    return document.get("kind") + "/" + ((Map<String, Object>) document.get("metadata")).get("name");
  }
}
