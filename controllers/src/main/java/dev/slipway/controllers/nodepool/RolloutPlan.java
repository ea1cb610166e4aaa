package dev.slipway.controllers.nodepool;

import java.util.List;

/**
 * What the planner decided for one pass.
 *
 * @param step the rollout step for status: CreatingTarget, WaitingForNodes, Cordoning, Draining, DeletingOld,
 *     Cancelling, or Complete when no rollout runs
 * @param active the MachinePool serving now (recorded in status)
 * @param target the MachinePool a rollout moves to, or null when none runs
 * @param intents the writes to perform, in order
 * @param nodesTotal old nodes to move off
 * @param nodesCordoned old nodes cordoned
 * @param nodesDrained old nodes drained
 * @param waitingFor a human-readable note of what the pass waits for
 */
public record RolloutPlan(String step, String active, String target, List<Intent> intents, int nodesTotal,
    int nodesCordoned, int nodesDrained, String waitingFor) {

  public static final String CREATING_TARGET = "CreatingTarget";
  public static final String WAITING_FOR_NODES = "WaitingForNodes";
  public static final String CORDONING = "Cordoning";
  public static final String DRAINING = "Draining";
  public static final String DELETING_OLD = "DeletingOld";
  public static final String CANCELLING = "Cancelling";
  public static final String COMPLETE = "Complete";

  public RolloutPlan {
    intents = List.copyOf(intents);
  }

  public boolean rollingOut() {
    return target != null;
  }
}
