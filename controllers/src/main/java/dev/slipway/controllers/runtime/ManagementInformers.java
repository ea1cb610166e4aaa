package dev.slipway.controllers.runtime;

import dev.slipway.api.v1alpha1.Cluster;
import dev.slipway.api.v1alpha1.ClusterAdditionalConfig;
import dev.slipway.api.v1alpha1.MachinePool;
import dev.slipway.api.v1alpha1.Nodepool;
import dev.slipway.api.v1alpha1.ProviderIdentity;
import dev.slipway.api.v1alpha1.SlipwayResource;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NamespaceList;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The shared informer caches every controller reads from: the Slipway kinds, plus the kubeconfig Secrets Slipway
 * writes (selected by label, so the controllers never cache other Secrets), the cluster-scoped ProviderIdentities and
 * the Namespaces whose labels an identity's allowedNamespaces selector reads (only the watched namespace when
 * {@code slipway.namespace} is set). Informer resync is off: each reconciler
 * schedules its own jittered resync, so a fleet's resyncs spread out instead of arriving at once.
 */
@Component
public class ManagementInformers {

  /** Index of objects by {@code namespace/clusterName}. */
  public static final String BY_CLUSTER = "byCluster";
  /** Index of MachinePools by {@code namespace/nodepoolName}. */
  public static final String BY_NODEPOOL = "byNodepool";
  /** Index of MachinePools by {@code namespace/clusterName/cloudPoolName}: the cloud pool they act on. */
  public static final String BY_CLOUD_POOL = "byCloudPool";
  /** Index of Clusters by the name of the ProviderIdentity their spec.identityRef names. */
  public static final String BY_IDENTITY = "byIdentity";

  private final SharedInformerFactory factory;
  private final SharedIndexInformer<Cluster> clusters;
  private final SharedIndexInformer<Nodepool> nodepools;
  private final SharedIndexInformer<MachinePool> machinePools;
  private final SharedIndexInformer<ClusterAdditionalConfig> additionalConfigs;
  private final SharedIndexInformer<V1Secret> kubeconfigSecrets;
  private final SharedIndexInformer<ProviderIdentity> providerIdentities;
  private final SharedIndexInformer<V1Namespace> namespaces;

  public ManagementInformers(@Qualifier("informerApiClient") ApiClient informerClient,
      SlipwayProperties properties) {
    factory = new SharedInformerFactory(informerClient);
    String namespace = properties.namespace() == null || properties.namespace().isBlank() ? null
        : properties.namespace();
    clusters = informer(informerClient, Cluster.class, Cluster.List.class, Cluster.PLURAL, namespace);
    nodepools = informer(informerClient, Nodepool.class, Nodepool.List.class, Nodepool.PLURAL, namespace);
    machinePools = informer(informerClient, MachinePool.class, MachinePool.List.class, MachinePool.PLURAL, namespace);
    additionalConfigs = informer(informerClient, ClusterAdditionalConfig.class, ClusterAdditionalConfig.List.class,
        ClusterAdditionalConfig.PLURAL, namespace);
    clusters.addIndexers(Map.of(BY_IDENTITY, c -> c.getSpec() == null || c.getSpec().identityRef() == null
        ? List.of() : List.of(c.getSpec().identityRef().name())));
    // Cluster-scoped: listed without a namespace even when slipway.namespace narrows the namespaced kinds.
    providerIdentities = informer(informerClient, ProviderIdentity.class, ProviderIdentity.List.class,
        ProviderIdentity.PLURAL, null);
    nodepools.addIndexers(Map.of(BY_CLUSTER, np -> clusterKey(np, np.getSpec() == null ? null
        : np.getSpec().clusterName())));
    machinePools.addIndexers(Map.of(
        BY_CLUSTER, mp -> clusterKey(mp, mp.getSpec() == null ? null : mp.getSpec().clusterName()),
        BY_NODEPOOL, mp -> clusterKey(mp, mp.getMetadata().getLabels() == null ? null
            : mp.getMetadata().getLabels().get(Labels.NODEPOOL)),
        BY_CLOUD_POOL, mp -> mp.getSpec() == null ? List.of() : List.of(cloudPoolKey(mp.getMetadata().getNamespace(),
            mp.getSpec().clusterName(), mp.getSpec().cloudPoolName()))));
    additionalConfigs.addIndexers(Map.of(BY_CLUSTER, c -> clusterKey(c, c.getSpec() == null ? null
        : c.getSpec().clusterName())));
    CoreV1Api core = new CoreV1Api(informerClient);
    kubeconfigSecrets = factory.sharedIndexInformerFor(params -> namespace == null
            ? core.listSecretForAllNamespaces()
                .labelSelector(Labels.KUBECONFIG_SECRET)
                .resourceVersion(params.resourceVersion)
                .timeoutSeconds(params.timeoutSeconds)
                .watch(params.watch)
                .buildCall(null)
            : core.listNamespacedSecret(namespace)
                .labelSelector(Labels.KUBECONFIG_SECRET)
                .resourceVersion(params.resourceVersion)
                .timeoutSeconds(params.timeoutSeconds)
                .watch(params.watch)
                .buildCall(null),
        V1Secret.class, V1SecretList.class);
    String onlyNamespace = namespace == null ? null : "metadata.name=" + namespace;
    namespaces = factory.sharedIndexInformerFor(params -> core.listNamespace()
            .fieldSelector(onlyNamespace)
            .resourceVersion(params.resourceVersion)
            .timeoutSeconds(params.timeoutSeconds)
            .watch(params.watch)
            .buildCall(null),
        V1Namespace.class, V1NamespaceList.class);
  }

  private <T extends SlipwayResource<?, ?>, L extends io.kubernetes.client.common.KubernetesListObject>
      SharedIndexInformer<T> informer(ApiClient client, Class<T> type, Class<L> listType, String plural,
      String namespace) {
    GenericKubernetesApi<T, L> api = new GenericKubernetesApi<>(type, listType, SlipwayResource.GROUP,
        SlipwayResource.VERSION, plural, client);
    return namespace == null ? factory.sharedIndexInformerFor(api, type, 0)
        : factory.sharedIndexInformerFor(api, type, 0, namespace);
  }

  private static List<String> clusterKey(SlipwayResource<?, ?> object, String name) {
    return name == null ? List.of() : List.of(object.getMetadata().getNamespace() + "/" + name);
  }

  public SharedInformerFactory factory() {
    return factory;
  }

  /** Whether every cache has listed once; controllers start working only then. */
  public boolean hasSynced() {
    return clusters.hasSynced() && nodepools.hasSynced() && machinePools.hasSynced()
        && additionalConfigs.hasSynced() && kubeconfigSecrets.hasSynced() && providerIdentities.hasSynced()
        && namespaces.hasSynced();
  }

  public SharedIndexInformer<Cluster> clusters() {
    return clusters;
  }

  public SharedIndexInformer<Nodepool> nodepools() {
    return nodepools;
  }

  public SharedIndexInformer<MachinePool> machinePools() {
    return machinePools;
  }

  public SharedIndexInformer<ClusterAdditionalConfig> additionalConfigs() {
    return additionalConfigs;
  }

  public SharedIndexInformer<V1Secret> kubeconfigSecrets() {
    return kubeconfigSecrets;
  }

  public SharedIndexInformer<ProviderIdentity> providerIdentities() {
    return providerIdentities;
  }

  public SharedIndexInformer<V1Namespace> namespaces() {
    return namespaces;
  }

  /** A cached ProviderIdentity (cluster-scoped), or null. */
  public ProviderIdentity providerIdentity(String name) {
    return new Lister<>(providerIdentities.getIndexer()).get(name);
  }

  /** A cached Namespace, or null. */
  public V1Namespace namespace(String name) {
    return new Lister<>(namespaces.getIndexer()).get(name);
  }

  public Cluster cluster(String namespace, String name) {
    return get(clusters, namespace, name);
  }

  public Nodepool nodepool(String namespace, String name) {
    return get(nodepools, namespace, name);
  }

  public MachinePool machinePool(String namespace, String name) {
    return get(machinePools, namespace, name);
  }

  public ClusterAdditionalConfig additionalConfig(String namespace, String name) {
    return get(additionalConfigs, namespace, name);
  }

  public V1Secret kubeconfigSecret(String namespace, String name) {
    return get(kubeconfigSecrets, namespace, name);
  }

  /** Objects of an informer whose index {@code index} has the key {@code namespace/name}. */
  public static <T extends io.kubernetes.client.common.KubernetesObject> List<T> byIndex(
      SharedIndexInformer<T> informer, String index, String namespace, String name) {
    return informer.getIndexer().byIndex(index, namespace + "/" + name);
  }

  /** Work-queue keys of the objects of an informer whose index {@code index} has the key {@code clusterKey}. */
  public static List<Request> requests(SharedIndexInformer<? extends KubernetesObject> informer, String index,
      String clusterKey) {
    return informer.getIndexer().byIndex(index, clusterKey).stream()
        .map(o -> new Request(o.getMetadata().getNamespace(), o.getMetadata().getName())).toList();
  }

  /** The key of the {@link #BY_CLOUD_POOL} index: {@code namespace/clusterName/cloudPoolName}. */
  public static String cloudPoolKey(String namespace, String clusterName, String cloudPoolName) {
    return namespace + "/" + clusterName + "/" + cloudPoolName;
  }

  /** {@code namespace/name} of an object, the key of the {@link #BY_CLUSTER} index for a Cluster. */
  public static String keyOf(KubernetesObject object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  private static <T extends io.kubernetes.client.common.KubernetesObject> T get(SharedIndexInformer<T> informer,
      String namespace, String name) {
    return new Lister<>(informer.getIndexer()).namespace(namespace).get(name);
  }
}
