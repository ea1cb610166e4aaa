package dev.slipway.controllers.workload;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.controllers.runtime.ManagementInformers;
import dev.slipway.controllers.runtime.UserAgent;
import dev.slipway.provider.Providers;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The managed clusters' APIs, reached through the kubeconfig Secrets the Cluster controller writes. One client and
 * one Node informer per cluster, built the first time a controller asks and rebuilt only when the Secret changes;
 * every Node event wakes the listeners (the MachinePool and Nodepool controllers) with the cluster's key.
 */
@Component
public class WorkloadClusters implements DisposableBean {

  /** Key of the kubeconfig in the Secret, as Cluster API names it. */
  public static final String KUBECONFIG_KEY = "value";

  private static final Logger LOG = LoggerFactory.getLogger(WorkloadClusters.class);

  private final ManagementInformers informers;
  private final Providers providers;
  private final Map<String, WorkloadCluster> clusters = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public WorkloadClusters(ManagementInformers informers, Providers providers) {
    this.informers = informers;
    this.providers = providers;
  }

  /** The name of a Cluster's kubeconfig Secret. */
  public static String secretName(String clusterName) {
    return clusterName + "-kubeconfig";
  }

  /** Registers a listener called with {@code namespace/clusterName} whenever a Node of that cluster changes. */
  public void onNodeChange(Consumer<String> listener) {
    listeners.add(listener);
  }

  /**
   * The cluster's API, or empty while its kubeconfig Secret does not exist yet. Cheap: a map lookup and a compare
   * of the Secret's resourceVersion from the cache.
   */
  public Optional<WorkloadCluster> get(String namespace, String clusterName) {
    if (nodeless(namespace, clusterName)) {
      return Optional.of(clusters.computeIfAbsent(namespace + "/" + clusterName, WorkloadCluster::nodeless));
    }
    V1Secret secret = informers.kubeconfigSecret(namespace, secretName(clusterName));
    String key = namespace + "/" + clusterName;
    if (secret == null || secret.getData() == null || secret.getData().get(KUBECONFIG_KEY) == null) {
      return Optional.empty();
    }
    String version = secret.getMetadata().getResourceVersion();
    WorkloadCluster cluster = clusters.compute(key, (k, existing) -> {
      if (existing != null && existing.secretVersion().equals(version)) {
        return existing;
      }
      if (existing != null) {
        existing.stop();
      }
      return connect(k, version, new String(secret.getData().get(KUBECONFIG_KEY), StandardCharsets.UTF_8));
    });
    return Optional.ofNullable(cluster);
  }

  /** Whether the Cluster's provider registers no Nodes (the node-less simulated cloud): nothing to connect to. */
  private boolean nodeless(String namespace, String clusterName) {
    Cluster cluster = informers.cluster(namespace, clusterName);
    return cluster != null && cluster.getSpec() != null && cluster.getSpec().provider() != null
        && providers.find(cluster.getSpec().provider()).map(p -> !p.registersNodes()).orElse(false);
  }

  /** Stops watching a cluster that is being deleted. */
  public void forget(String namespace, String clusterName) {
    WorkloadCluster removed = clusters.remove(namespace + "/" + clusterName);
    if (removed != null) {
      removed.stop();
    }
  }

  private WorkloadCluster connect(String key, String secretVersion, String kubeconfig) {
    ApiClient client;
    ApiClient watchClient;
    try {
      client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(kubeconfig))).build();
      watchClient = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(kubeconfig))).build();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Kubeconfig Secret of cluster {} is unusable: {}", key, e.toString());
      return null;
    }
    client.setUserAgent(UserAgent.VALUE);
    watchClient.setUserAgent(UserAgent.VALUE);
    client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(30, TimeUnit.SECONDS).build());
    watchClient.setHttpClient(watchClient.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
    SharedInformerFactory factory = new SharedInformerFactory(watchClient);
    CoreV1Api core = new CoreV1Api(watchClient);
    SharedIndexInformer<V1Node> nodes = factory.sharedIndexInformerFor(params -> core.listNode()
            .resourceVersion(params.resourceVersion)
            .timeoutSeconds(params.timeoutSeconds)
            .watch(params.watch)
            .buildCall(null),
        V1Node.class, V1NodeList.class);
    nodes.addIndexers(Map.of(WorkloadCluster.BY_PROVIDER_ID, WorkloadCluster::providerIdOf));
    nodes.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(V1Node node) {
        notifyListeners(key);
      }

      @Override
      public void onUpdate(V1Node before, V1Node after) {
        // Note: heartbeats update Nodes all the time; only what the controllers read wakes them.
        if (WorkloadCluster.isReady(before) != WorkloadCluster.isReady(after)
            || unschedulable(before) != unschedulable(after)
            || !WorkloadCluster.providerIdOf(before).equals(WorkloadCluster.providerIdOf(after))) {
          notifyListeners(key);
        }
      }

      @Override
      public void onDelete(V1Node node, boolean stateUnknown) {
        notifyListeners(key);
      }
    });
    factory.startAllRegisteredInformers();
    LOG.info("Watching the Nodes of cluster {}", key);
    return new WorkloadCluster(key, secretVersion, client, factory, nodes);
  }

  private static boolean unschedulable(V1Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }

  private void notifyListeners(String key) {
    for (Consumer<String> listener : listeners) {
      listener.accept(key);
    }
  }

  @Override
  public void destroy() {
    clusters.values().forEach(WorkloadCluster::stop);
    clusters.clear();
  }
}
