package dev.slipway.provider.sim;

import dev.slipway.provider.CloudException;

/** Where simulated machines show up as Nodes. Every method MUST be idempotent: a call may be repeated. */
interface WorkloadNodes {

  /** Creates the Node, as a kubelet registering; fine if it exists already. */
  void register(SimNode node) throws CloudException;

  /** Rewrites the labels and taints the pool owns on an existing Node; registers it if missing. */
  void update(SimNode node) throws CloudException;

  /** Deletes the Node; fine if it is gone. */
  void delete(String nodeName) throws CloudException;

  /** Node-less mode: machines exist only in the cloud's state. */
  static WorkloadNodes none() {
    return new WorkloadNodes() {
      @Override
      public void register(SimNode node) {
      }

      @Override
      public void update(SimNode node) {
      }

      @Override
      public void delete(String nodeName) {
      }
    };
  }
}
