package dev.slipway.provider.sim;

/** Long-running operations of the simulated cloud, with the word its provisioning state uses while they run. */
enum OperationKind {
  CREATE("Creating"),
  UPGRADE("Upgrading"),
  SCALE("Scaling"),
  UPDATE("Updating"),
  DELETE("Deleting");

  private final String progressWord;

  OperationKind(String progressWord) {
    this.progressWord = progressWord;
  }

  /** AKS-style provisioning state while running, e.g. {@code Creating}. */
  String progressWord() {
    return progressWord;
  }
}
