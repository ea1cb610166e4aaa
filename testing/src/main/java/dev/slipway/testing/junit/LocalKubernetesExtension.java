package dev.slipway.testing.junit;

import dev.slipway.testing.controlplane.LocalControlPlane;
import dev.slipway.testing.controlplane.ProjectLayout;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Backs {@link LocalKubernetes}: starts (once per JVM and kind) a {@link LocalControlPlane} with the CRDs from
 * {@code config/crd/bases} installed, creates a namespace per test class, and resolves test parameters. The control
 * plane lives in the root extension store, which closes it when the test run ends, whether tests passed or not.
 */
public final class LocalKubernetesExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(
      LocalKubernetesExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    LocalControlPlane controlPlane = controlPlane(context);
    String namespace = namespaceName(context.getRequiredTestClass());
    try {
      new CoreV1Api(controlPlane.apiClient())
          .createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace)))
          .execute();
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw new IllegalStateException("cannot create namespace " + namespace + ": " + e.getResponseBody(), e);
      }
    }
    context.getStore(STORE).put(TestNamespace.class, new TestNamespace(namespace));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ApiClient.class || type == LocalControlPlane.class || type == TestNamespace.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == ApiClient.class) {
      return controlPlane(context).apiClient();
    }
    if (type == LocalControlPlane.class) {
      return controlPlane(context);
    }
    if (type == TestNamespace.class) {
      TestNamespace namespace = context.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
      if (namespace == null) {
        throw new ParameterResolutionException("TestNamespace is created in beforeAll; it is not available here");
      }
      return namespace;
    }
    throw new ParameterResolutionException("unsupported parameter type " + type);
  }

  private static LocalControlPlane controlPlane(ExtensionContext context) {
    boolean workloads = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), LocalKubernetes.class)
        .map(LocalKubernetes::workloads).orElse(false);
    String key = workloads ? "control-plane-with-workloads" : "control-plane";
    return context.getRoot().getStore(STORE).computeIfAbsent(key, k -> {
      LocalControlPlane started = LocalControlPlane.start(workloads
          ? LocalControlPlane.Options.withWorkloads("test-workloads")
          : LocalControlPlane.Options.apiServerOnly("test"));
      try {
        started.installCrds(ProjectLayout.crdDirectory());
      } catch (RuntimeException e) {
        // Not stored yet, so the store would never close it.
        started.close();
        throw e;
      }
      return started;
    }, LocalControlPlane.class);
  }

  /** A DNS-1123 label from the test class name, e.g. SamplesIT -> samplesit. */
  static String namespaceName(Class<?> testClass) {
    String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return name.length() > 63 ? name.substring(0, 63) : name;
  }
}
