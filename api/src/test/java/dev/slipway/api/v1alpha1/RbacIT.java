package dev.slipway.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.testing.controlplane.ProjectLayout;
import dev.slipway.testing.junit.LocalKubernetes;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AuthorizationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ResourceAttributes;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1RoleRef;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1SubjectAccessReview;
import io.kubernetes.client.openapi.models.V1SubjectAccessReviewSpec;
import io.kubernetes.client.util.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RBAC in config/rbac installs on a real API server, and its authorizer grants the controllers' ServiceAccount
 * exactly what the controllers need, and a team with the built-in edit or view role what the aggregated Slipway
 * roles promise: tables of allowed and refused requests. Runs with kube-controller-manager, whose
 * clusterrole-aggregation controller folds slipway-edit and slipway-view into edit and view.
 */
@LocalKubernetes(workloads = true)
class RbacIT {

  private static final String CONTROLLERS = "system:serviceaccount:slipway-system:slipway-controllers";

  @BeforeAll
  static void installRbac(ApiClient client) throws Exception {
    for (String namespace : List.of("slipway-system", "team-a")) {
      createIgnoringConflict(() -> new CoreV1Api(client)
          .createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace))).execute());
    }
    CoreV1Api core = new CoreV1Api(client);
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(client);
    try (Stream<Path> files = Files.list(ProjectLayout.root().resolve("config/rbac"))) {
      for (Path file : files.sorted().toList()) {
        for (Object object : Yaml.loadAll(file.toFile())) {
          createIgnoringConflict(() -> {
            if (object instanceof V1ServiceAccount sa) {
              core.createNamespacedServiceAccount("slipway-system", sa).execute();
            } else if (object instanceof V1ClusterRole role) {
              rbac.createClusterRole(role).execute();
            } else if (object instanceof V1ClusterRoleBinding binding) {
              rbac.createClusterRoleBinding(binding).execute();
            } else if (object instanceof V1Role role) {
              rbac.createNamespacedRole("slipway-system", role).execute();
            } else if (object instanceof V1RoleBinding binding) {
              rbac.createNamespacedRoleBinding("slipway-system", binding).execute();
            } else {
              throw new AssertionError("unexpected object in " + file + ": " + object.getClass());
            }
          });
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}/{2} in {3}: {4}")
  @CsvSource({
      // verb, group, resource(/subresource), namespace, allowed
      "watch,  slipway.dev, nodepools,                 team-a,         true",
      "update, slipway.dev, nodepools/status,          team-a,         true",
      "update, slipway.dev, clusters/finalizers,       team-b,         true",
      "create, slipway.dev, machinepools,              team-a,         true",
      "delete, slipway.dev, machinepools,              team-a,         true",
      "delete, slipway.dev, nodepools,                 team-a,         true",
      "delete, slipway.dev, clusteradditionalconfigs,  team-a,         true",
      "create, slipway.dev, azureroleassignments,      team-a,         true",
      "create, '',          secrets,                   team-a,         true",
      "create, '',          events,                    team-a,         true",
      "update, coordination.k8s.io, leases,            slipway-system, true",
      "watch,  '',          configmaps,                slipway-system, true",
      "delete, slipway.dev, clusters,                  team-a,         false",
      "create, slipway.dev, nodepools,                 team-a,         false",
      "update, coordination.k8s.io, leases,            team-a,         false",
      "get,    '',          configmaps,                team-a,         false",
      "create, '',          pods,                      team-a,         false",
      "delete, '',          nodes,                     '',             false",
      "update, apiextensions.k8s.io, customresourcedefinitions, '',   false",
      "watch,  slipway.dev, provideridentities,        '',             true",
      "watch,  '',          namespaces,                '',             true",
      "update, slipway.dev, provideridentities,        '',             false",
      "update, '',          namespaces,                '',             false",
  })
  void controllersGetExactlyWhatTheyNeed(String verb, String group, String resource, String namespace,
      boolean allowed, ApiClient client) throws ApiException {
    String[] parts = resource.split("/");
    V1ResourceAttributes attributes = new V1ResourceAttributes().verb(verb).group(group).resource(parts[0])
        .subresource(parts.length > 1 ? parts[1] : null).namespace(namespace.isEmpty() ? null : namespace);
    V1SubjectAccessReview review = new AuthorizationV1Api(client).createSubjectAccessReview(
        new V1SubjectAccessReview().spec(new V1SubjectAccessReviewSpec().user(CONTROLLERS)
            .groups(List.of("system:serviceaccounts", "system:serviceaccounts:slipway-system"))
            .resourceAttributes(attributes)))
        .execute();

    assertThat(review.getStatus().getAllowed()).as(review.getStatus().getReason()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} may {1} {2}: {3}")
  @CsvSource({
      "edit, create, nodepools,                true",
      "edit, delete, clusters,                 true",
      "edit, update, clusteradditionalconfigs, true",
      "edit, list,   machinepools,             true",
      "edit, create, machinepools,             false",
      "edit, update, azureroleassignments,     false",
      "view, list,   nodepools,                true",
      "view, get,    azureclusterautoscalers,  true",
      "view, create, nodepools,                false",
  })
  void teamRolesAggregateSlipwayRoles(String role, String verb, String resource, boolean allowed, ApiClient client)
      throws ApiException {
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(client);
    String user = "team-a-" + role;
    createIgnoringConflict(() -> rbac.createNamespacedRoleBinding("team-a", new V1RoleBinding()
        .metadata(new V1ObjectMeta().name(user))
        .roleRef(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(role))
        .subjects(List.of(new RbacV1Subject().apiGroup("rbac.authorization.k8s.io").kind("User").name(user))))
        .execute());

    // The aggregation controller updates edit and view shortly after the Slipway roles appear.
    await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(allowed(client, user, List.of(),
        new V1ResourceAttributes().verb(verb).group("slipway.dev").resource(resource).namespace("team-a")))
        .isEqualTo(allowed));
  }

  /**
   * Even bound cluster-wide, the built-in edit and admin roles grant nothing on the cluster-scoped
   * ProviderIdentities (they choose which cloud identity acts for which namespace); slipway-identity-admin does.
   */
  @ParameterizedTest(name = "{0} bound cluster-wide may {1} provideridentities: {2}")
  @CsvSource({
      "edit,                   create, false",
      "edit,                   update, false",
      "admin,                  create, false",
      "admin,                  delete, false",
      "slipway-identity-admin, create, true",
      "slipway-identity-admin, update, true",
  })
  void onlyIdentityAdminsManageProviderIdentities(String role, String verb, boolean allowed, ApiClient client)
      throws ApiException {
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(client);
    String user = "cluster-wide-" + role;
    createIgnoringConflict(() -> rbac.createClusterRoleBinding(new V1ClusterRoleBinding()
        .metadata(new V1ObjectMeta().name(user))
        .roleRef(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(role))
        .subjects(List.of(new RbacV1Subject().apiGroup("rbac.authorization.k8s.io").kind("User").name(user))))
        .execute());
    V1ResourceAttributes attributes = new V1ResourceAttributes().verb(verb).group("slipway.dev")
        .resource("provideridentities");

    if (allowed) {
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(allowed(client, user, List.of(),
          attributes)).isTrue());
    } else {
      // Wait until aggregation has filled the role (it can list Clusters), so a refusal is not an empty role's.
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(allowed(client, user, List.of(),
          new V1ResourceAttributes().verb("list").group("slipway.dev").resource("clusters"))).isTrue());
      assertThat(allowed(client, user, List.of(), attributes)).isFalse();
    }
  }

  private static boolean allowed(ApiClient client, String user, List<String> groups, V1ResourceAttributes attributes)
      throws ApiException {
    return new AuthorizationV1Api(client).createSubjectAccessReview(new V1SubjectAccessReview()
            .spec(new V1SubjectAccessReviewSpec().user(user).groups(groups).resourceAttributes(attributes)))
        .execute().getStatus().getAllowed();
  }

  private interface ApiCall {
    void run() throws ApiException;
  }

  private static void createIgnoringConflict(ApiCall call) throws ApiException {
    try {
      call.run();
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }
}
