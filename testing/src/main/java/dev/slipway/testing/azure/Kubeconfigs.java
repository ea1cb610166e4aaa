package dev.slipway.testing.azure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The kubeconfig AKS hands out by default: the API server at the cluster's FQDN, a cluster CA, a client certificate
 * and a token, in the layout of {@code az aks get-credentials}. The certificates are the fake's own self-signed ones
 * so that the file parses; the token changes with every credential generation.
 */
final class Kubeconfigs {

  private Kubeconfigs() {
  }

  /** {@code admin}: the clusterAdmin credential, else clusterUser. */
  static String render(ManagedCluster cluster, boolean admin, int generation, String caPem, String certPem,
      String keyPem) {
    String user = (admin ? "clusterAdmin_" : "clusterUser_") + cluster.resourceGroup + "_" + cluster.name;
    String context = admin ? cluster.name + "-admin" : cluster.name;
    return "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- cluster:\n"
        + "    certificate-authority-data: " + base64(caPem) + "\n"
        + "    server: https://" + cluster.fqdn + ":443\n"
        + "  name: " + cluster.name + "\n"
        + "contexts:\n"
        + "- context:\n"
        + "    cluster: " + cluster.name + "\n"
        + "    user: " + user + "\n"
        + "  name: " + context + "\n"
        + "current-context: " + context + "\n"
        + "preferences: {}\n"
        + "users:\n"
        + "- name: " + user + "\n"
        + "  user:\n"
        + "    client-certificate-data: " + base64(certPem) + "\n"
        + "    client-key-data: " + base64(keyPem) + "\n"
        + "    token: " + token(cluster, admin, generation) + "\n";
  }

  /** A test-registered kubeconfig after {@code generation} rotations: unchanged at 0, else marked by a comment. */
  static String rotated(String yaml, int generation) {
    if (generation == 0) {
      return yaml;
    }
    return (yaml.endsWith("\n") ? yaml : yaml + "\n") + "# fake-arm credential generation " + generation + "\n";
  }

  private static String token(ManagedCluster cluster, boolean admin, int generation) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest((cluster.resourceUid + "/" + admin + "/" + generation)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash) + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
