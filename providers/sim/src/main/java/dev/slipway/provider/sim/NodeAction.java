package dev.slipway.provider.sim;

/**
 * A change to the workload cluster's Nodes that the cloud's progress makes due.
 *
 * @param kind what to do
 * @param node the Node (for DELETE only its name matters)
 */
record NodeAction(Kind kind, SimNode node) {

  enum Kind { REGISTER, UPDATE, DELETE }

  void applyTo(WorkloadNodes nodes) throws dev.slipway.provider.CloudException {
    switch (kind) {
      case REGISTER:
        nodes.register(node);
        break;
      case UPDATE:
        nodes.update(node);
        break;
      case DELETE:
        nodes.delete(node.name());
        break;
      default:
        throw new IllegalStateException("unknown node action " + kind);
    }
  }
}
