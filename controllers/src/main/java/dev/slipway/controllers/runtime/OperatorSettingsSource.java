package dev.slipway.controllers.runtime;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.bootstrap.BootstrapContext;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistryInitializer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.kubernetes.client.config.KubernetesClientConfigMapPropertySourceLocator;
import org.springframework.cloud.kubernetes.commons.KubernetesClientProperties;
import org.springframework.cloud.kubernetes.commons.KubernetesNamespaceProvider;
import org.springframework.cloud.kubernetes.commons.config.ConfigMapConfigProperties;
import org.springframework.cloud.kubernetes.commons.config.ConfigMapPropertySourceLocator;
import org.springframework.core.env.CompositePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Makes Spring Cloud Kubernetes read the operator-settings ConfigMap through the management cluster's own client
 * ({@code slipway.kubeconfig}), not through the client it would build itself.
 *
 * <p>Why this is needed (spring-cloud-kubernetes 5.0.1): its {@code KubernetesClientConfigDataLocationResolver} builds
 * the client for {@code spring.config.import=kubernetes:} with {@code KubernetesClientUtils.kubernetesApiClient()}:
 * in-cluster service account, else KUBECONFIG / ~/.kube/config, else localhost:8080, with no property to point it
 * elsewhere. It then stores that client and its ConfigMap locator with {@code registerIfAbsent} in the bootstrap
 * context, and {@code KubernetesConfigDataLoader} reads through whichever {@link ConfigMapPropertySourceLocator} is
 * registered there. Registering ours first (this initializer runs before any config data is resolved) therefore
 * makes the start-up read, every refresh (Spring Cloud's {@code ConfigDataContextRefresher} re-uses this bootstrap
 * context) and the polling reload (SCK promotes the registered locator to the bean
 * {@code configDataConfigMapPropertySourceLocator}) all use the management kubeconfig.
 *
 * <p>Nothing here runs unless Spring Cloud Kubernetes resolves {@code kubernetes:}, i.e. unless the process runs in
 * a pod (KUBERNETES_SERVICE_HOST/PORT set) or {@code spring.main.cloud-platform=kubernetes} is set.
 *
 * <p>Namespace of the ConfigMap: {@code spring.cloud.kubernetes.config.namespace} (applied by SCK per source), else
 * {@code spring.cloud.kubernetes.client.namespace}, else the pod's namespace (service-account namespace file), else
 * {@value #DEFAULT_NAMESPACE}.
 */
public final class OperatorSettingsSource implements BootstrapRegistryInitializer {

  static final String DEFAULT_NAMESPACE = "slipway-system";

  /** Where the operator settings are read from, once known; shown in /actuator/info and logged at start. */
  public record SettingsConfigMap(String namespace, String name) {

    @Override
    public String toString() {
      return "ConfigMap " + namespace + "/" + name;
    }
  }

  // Per SpringApplication: this initializer is instantiated for each application run.
  private final AtomicReference<SettingsConfigMap> source = new AtomicReference<>();

  @Override
  public void initialize(BootstrapRegistry registry) {
    // Lazy: built only if SCK's loader asks, with the properties known by then (command line, application.yaml).
    registry.register(ApiClient.class, context ->
        ManagementKubeconfig.apiClient(context.get(Binder.class).bind("slipway.kubeconfig", String.class)
            .orElse(null)));
    registry.register(ConfigMapPropertySourceLocator.class, this::locator);
    // Note: logging is not initialised while config data loads, so the source is handed to the context instead.
    registry.addCloseListener(event -> {
      SettingsConfigMap known = source.get();
      if (known != null) {
        event.getApplicationContext().getBeanFactory().registerSingleton("operatorSettingsConfigMap", known);
      }
    });
  }

  private ConfigMapPropertySourceLocator locator(BootstrapContext context) {
    // SCK registers the properties it bound when its resolver ran, unless spring.cloud.kubernetes.config.enabled=false.
    if (!context.isRegistered(ConfigMapConfigProperties.class)) {
      return Locator.disabled(context.get(Binder.class));
    }
    ConfigMapConfigProperties properties = context.get(ConfigMapConfigProperties.class);
    String namespace = namespace(context);
    String name = StringUtils.hasText(properties.name()) ? properties.name()
        : context.get(Binder.class).bind("spring.application.name", String.class).orElse("application");
    source.set(new SettingsConfigMap(
        StringUtils.hasText(properties.namespace()) ? properties.namespace() : namespace, name));
    return new Locator(new CoreV1Api(context.get(ApiClient.class)), properties,
        new KubernetesNamespaceProvider(namespace), true);
  }

  private static String namespace(BootstrapContext context) {
    if (context.isRegistered(KubernetesClientProperties.class)) {
      String configured = context.get(KubernetesClientProperties.class).namespace();
      if (StringUtils.hasText(configured)) {
        return configured;
      }
    }
    Path podNamespace = Path.of(KubernetesClientProperties.SERVICE_ACCOUNT_NAMESPACE_PATH);
    if (Files.isReadable(podNamespace)) {
      String fromPod = KubernetesNamespaceProvider.getNamespaceFromServiceAccountFile(podNamespace.toString());
      if (StringUtils.hasText(fromPod)) {
        return fromPod.trim();
      }
    }
    return DEFAULT_NAMESPACE;
  }

  /** SCK's ConfigMap locator, or one that finds nothing when ConfigMap property sources are switched off. */
  static final class Locator extends KubernetesClientConfigMapPropertySourceLocator {

    private final boolean enabled;

    Locator(CoreV1Api coreV1Api, ConfigMapConfigProperties properties, KubernetesNamespaceProvider namespaces,
        boolean enabled) {
      super(coreV1Api, properties, namespaces);
      this.enabled = enabled;
    }

    static Locator disabled(Binder binder) {
      return new Locator(new CoreV1Api(new ApiClient()),
          binder.bindOrCreate(ConfigMapConfigProperties.PREFIX, ConfigMapConfigProperties.class),
          new KubernetesNamespaceProvider(DEFAULT_NAMESPACE), false);
    }

    @Override
    public PropertySource<?> locate(Environment environment) {
      if (!enabled) {
        return new CompositePropertySource("composite-configmap");
      }
      return super.locate(environment);
    }
  }
}
