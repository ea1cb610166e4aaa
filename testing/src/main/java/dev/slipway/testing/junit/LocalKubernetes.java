package dev.slipway.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real local control plane with Slipway's CRDs installed. Test methods and
 * lifecycle methods may declare parameters of type {@link io.kubernetes.client.openapi.ApiClient},
 * {@link dev.slipway.testing.controlplane.LocalControlPlane} and {@link TestNamespace}.
 *
 * <p>One control plane of each kind (with or without workloads) is started per test JVM and shared by the classes
 * that ask for it; it is stopped when the JVM's test run ends. Classes isolate themselves with their own
 * {@link TestNamespace}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalKubernetesExtension.class)
public @interface LocalKubernetes {

  /** Also run kube-controller-manager, kube-scheduler and KWOK, so Deployments get pods that run on fake nodes. */
  boolean workloads() default false;
}
