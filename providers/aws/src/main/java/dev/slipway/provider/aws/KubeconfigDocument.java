package dev.slipway.provider.aws;

/** Renders a kubeconfig with one cluster, one bearer-token user and one context. The result is a secret. */
final class KubeconfigDocument {

  private KubeconfigDocument() {
  }

  static String render(String name, String server, String certificateAuthorityData, String token) {
    String n = quote(name);
    return "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- name: " + n + "\n"
        + "  cluster:\n"
        + "    server: " + quote(server) + "\n"
        + "    certificate-authority-data: " + quote(certificateAuthorityData) + "\n"
        + "users:\n"
        + "- name: " + n + "\n"
        + "  user:\n"
        + "    token: " + quote(token) + "\n"
        + "contexts:\n"
        + "- name: " + n + "\n"
        + "  context:\n"
        + "    cluster: " + n + "\n"
        + "    user: " + n + "\n"
        + "current-context: " + n + "\n";
  }

  /** A double-quoted YAML scalar. */
  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
