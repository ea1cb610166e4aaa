package dev.slipway.testing.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.VersionInfo;
import io.kubernetes.client.openapi.apis.VersionApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local control plane is real: the version it reports is the one built, workloads get scheduled onto KWOK
 * nodes and run, two instances run side by side, and nothing outlives the JVM that started it, even kill -9.
 */
class LocalControlPlaneIT {

  private static final Duration GENEROUS = Duration.ofMinutes(2);

  @Test
  void schedulesADeploymentOntoKwokNodes() throws ApiException {
    try (LocalControlPlane controlPlane = LocalControlPlane.start(LocalControlPlane.Options.withWorkloads("it"))) {
      ApiClient client = controlPlane.apiClient();
      VersionInfo version = new VersionApi(client).getCode().execute();
      assertThat(version.getGitVersion()).isEqualTo("v1.36.3");

      CoreV1Api core = new CoreV1Api(client);
      for (String name : List.of("kwok-node-a", "kwok-node-b")) {
        core.createNode(new V1Node()
            .metadata(new V1ObjectMeta().name(name)
                .annotations(Map.of(LocalControlPlane.KWOK_NODE_ANNOTATION, "fake"))
                .labels(Map.of("type", "kwok")))
            .spec(new V1NodeSpec().providerID("sim:///sim-local-1/pool-a/" + name))).execute();
      }
      await().atMost(GENEROUS).untilAsserted(() -> assertThat(core.listNode().execute().getItems())
          .allSatisfy(node -> assertThat(node.getStatus().getConditions())
              .anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Ready");
                assertThat(c.getStatus()).isEqualTo("True");
              })));

      Map<String, String> labels = Map.of("app", "web");
      new AppsV1Api(client).createNamespacedDeployment("default", new V1Deployment()
          .metadata(new V1ObjectMeta().name("web"))
          .spec(new V1DeploymentSpec().replicas(4).selector(new V1LabelSelector().matchLabels(labels))
              .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(labels))
                  .spec(new V1PodSpec()
                      .containers(List.of(new V1Container().name("web").image("registry.invalid/web:1")))))))
          .execute();

      await().atMost(GENEROUS).untilAsserted(() -> {
        List<V1Pod> pods = core.listNamespacedPod("default").labelSelector("app=web").execute().getItems();
        assertThat(pods).hasSize(4).allSatisfy(pod -> {
          assertThat(pod.getSpec().getNodeName()).startsWith("kwok-node-");
          assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        });
      });
    }
  }

  @Test
  void theApiServerRestartsWithItsDataAndAuditsNodeWritesByUserAgent() throws Exception {
    try (LocalControlPlane controlPlane = LocalControlPlane.start(LocalControlPlane.Options.apiServerOnly("restart"))) {
      ApiClient client = controlPlane.newApiClient();
      client.setUserAgent("audit-probe/1");
      CoreV1Api core = new CoreV1Api(client);
      core.createNode(new V1Node().metadata(new V1ObjectMeta().name("audited"))).execute();
      V1Node created = core.readNode("audited").execute();
      core.replaceNode("audited", created.spec(new V1NodeSpec().unschedulable(true))).execute();
      core.listNode().execute(); // a read: not audited

      Duration took = controlPlane.restartApiServer();
      assertThat(took).isPositive();
      // The same client and kubeconfig work: same port, same serving certificate; the data is in etcd.
      assertThat(core.readNode("audited").execute().getSpec().getUnschedulable()).isTrue();
      core.deleteNode("audited").execute();

      List<String> lines = Files.readAllLines(controlPlane.apiServerAuditLog());
      assertThat(lines).filteredOn(l -> l.contains("\"userAgent\":\"audit-probe/1\""))
          .extracting(l -> l.replaceAll(".*\"verb\":\"([a-z]+)\".*", "$1"))
          .containsExactly("update", "delete");
      assertThat(lines).noneMatch(l -> l.contains("\"verb\":\"list\"") || l.contains("\"verb\":\"get\""));
    }
  }

  @Test
  void twoControlPlanesRunSideBySideAndFreeTheirPorts() {
    int firstPort;
    int secondPort;
    try (LocalControlPlane first = LocalControlPlane.start(LocalControlPlane.Options.apiServerOnly("first"));
        LocalControlPlane second = LocalControlPlane.start(LocalControlPlane.Options.apiServerOnly("second"))) {
      firstPort = URI.create(first.server()).getPort();
      secondPort = URI.create(second.server()).getPort();
      assertThat(firstPort).isNotEqualTo(secondPort);
      assertThat(listening(firstPort)).isTrue();
      assertThat(listening(secondPort)).isTrue();
    }
    assertThat(listening(firstPort)).as("first API server port freed").isFalse();
    assertThat(listening(secondPort)).as("second API server port freed").isFalse();
  }

  @Test
  void processesDieWithAKilledJvm() throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dslipway.projectRoot=" + ProjectLayout.root()));
    command.add(ControlPlaneProbe.class.getName());
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    String server = null;
    Path directory = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(),
        StandardCharsets.UTF_8))) {
      // Note: stop at the DIR line without reading further; the probe prints nothing more and would block us.
      String line;
      while (directory == null && (line = out.readLine()) != null) {
        output.add(line);
        if (line.startsWith("SERVER ")) {
          server = line.substring(7);
        } else if (line.startsWith("DIR ")) {
          directory = Path.of(line.substring(4));
        }
      }
      assertThat(server).as("probe JVM started a control plane; it printed:%n%s", String.join("\n", output))
          .isNotNull();
      int port = URI.create(server).getPort();
      assertThat(listening(port)).isTrue();
      String folder = directory.toString();
      assertThat(processesUsing(folder)).as("etcd and kube-apiserver of the probe").isNotEmpty();

      probe.destroyForcibly().waitFor();

      await().atMost(GENEROUS).untilAsserted(() -> {
        assertThat(processesUsing(folder)).as("processes left after kill -9 of their JVM").isEmpty();
        assertThat(listening(port)).as("API server port after kill -9 of its JVM").isFalse();
      });

      // The killed JVM could not delete its folder; the next control plane to start does.
      LocalControlPlane.start(LocalControlPlane.Options.apiServerOnly("after-probe")).close();
      assertThat(directory).as("folder of the killed JVM, after the next start").doesNotExist();
    } finally {
      probe.destroyForcibly();
      if (directory != null) {
        LocalControlPlane.deleteRecursively(directory);
      }
    }
  }

  private static List<String> processesUsing(String folder) {
    return ProcessHandle.allProcesses()
        .map(p -> p.info().commandLine().orElse(""))
        .filter(cmd -> cmd.contains(folder))
        .toList();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
