package dev.slipway.testing.local;

import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.Manifests;
import dev.slipway.testing.controlplane.ProjectLayout;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's first command: a local management cluster (etcd + kube-apiserver built from the Go module proxy) with
 * Slipway's CRDs installed and the samples applied, running until Ctrl-C. The controllers and the simulated cloud
 * join it with the controllers issue.
 */
public final class LocalRun {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
  private static final String NAMESPACE = "slipway-samples";

  private LocalRun() {
  }

  public static void main(String[] args) throws Exception {
    LocalControlPlane controlPlane = LocalControlPlane.start(LocalControlPlane.Options.apiServerOnly("local"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping the local management cluster");
      controlPlane.close();
      stopped.countDown();
    }, "slipway-local-shutdown"));

    controlPlane.installCrds(ProjectLayout.crdDirectory());
    Path kubeconfig = publishKubeconfig(controlPlane);
    new CoreV1Api(controlPlane.apiClient())
        .createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(NAMESPACE))).execute();
    int applied = applySamples(controlPlane);

    LOG.info("""

        Slipway's local management cluster is up: {} (API server ready in {} ms).
        CRDs installed from config/crd/bases; {} sample objects applied to namespace {}.

          export KUBECONFIG={}
          kubectl get slipway -A
          kubectl explain nodepools.spec.template
          kubectl -n {} get nodepools -o wide

        The controllers and the simulated cloud are not wired in yet, so the samples have no status.
        Press Ctrl-C to stop; everything started here is stopped and its data deleted.
        """, controlPlane.server(), controlPlane.apiServerStartTime().toMillis(), applied, NAMESPACE, kubeconfig,
        NAMESPACE);
    stopped.await();
  }

  /** Copies the kubeconfig to a stable place, .local/kubeconfig in the project, so the printed export keeps working. */
  private static Path publishKubeconfig(LocalControlPlane controlPlane) throws IOException {
    Path target = ProjectLayout.root().resolve(".local/kubeconfig");
    Files.createDirectories(target.getParent());
    Files.copy(controlPlane.kubeconfig(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  private static int applySamples(LocalControlPlane controlPlane) throws IOException, ApiException {
    int applied = 0;
    try (Stream<Path> files = Files.list(ProjectLayout.samplesDirectory())) {
      for (Path sample : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Map<String, Object> document : Manifests.load(sample)) {
          Manifests.create(controlPlane.apiClient(), NAMESPACE, document);
          LOG.info("Applied {} {} from {}", document.get("kind"),
              ((Map<?, ?>) document.get("metadata")).get("name"), sample.getFileName());
          applied++;
        }
      }
    }
    return applied;
  }
}
