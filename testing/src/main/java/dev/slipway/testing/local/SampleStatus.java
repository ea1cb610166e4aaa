package dev.slipway.testing.local;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the local run shows of one sample object, read from the object as the API server returns it (a plain map, so
 * the testing module needs no Slipway types): its phase, its Ready condition, and for a Nodepool its nodes and
 * rollout step.
 *
 * @param kind e.g. Nodepool
 * @param name metadata.name
 * @param phase status.phase, or null before the controllers wrote status
 * @param ready the Ready condition's status (True, False, Unknown), or null when there is none
 * @param reason the Ready condition's reason, or null
 * @param message the Ready condition's message, or null
 * @param current true when status.observedGeneration equals metadata.generation: the last successful pass saw
 *     the current spec
 * @param readyNodes Nodepool status.readyReplicas / status.replicas, or null for other kinds and before status
 * @param rolloutStep Nodepool status.rollout.step while a rollout runs, else null
 */
public record SampleStatus(String kind, String name, String phase, String ready, String reason, String message,
    boolean current, String readyNodes, String rolloutStep) {

  private static final int MESSAGE_LIMIT = 100;

  /** Reads what is shown from an object as the API server returns it. */
  public static SampleStatus of(Map<String, Object> object) {
    Map<?, ?> metadata = map(object.get("metadata"));
    Map<?, ?> status = map(object.get("status"));
    Map<?, ?> readyCondition = readyCondition(status.get("conditions"));
    Object generation = metadata.get("generation");
    Object observed = status.get("observedGeneration");
    boolean current = generation != null && observed != null
        && ((Number) generation).longValue() == ((Number) observed).longValue();
    String readyNodes = null;
    if ("Nodepool".equals(object.get("kind")) && status.get("replicas") != null) {
      readyNodes = count(status.get("readyReplicas")) + "/" + count(status.get("replicas"));
    }
    return new SampleStatus(
        Objects.toString(object.get("kind"), "?"),
        Objects.toString(metadata.get("name"), "?"),
        string(status.get("phase")),
        string(readyCondition.get("status")),
        string(readyCondition.get("reason")),
        string(readyCondition.get("message")),
        current,
        readyNodes,
        string(map(status.get("rollout")).get("step")));
  }

  /** Ready, and the status is about the current spec (not a Ready left over from before an edit). */
  public boolean converged() {
    return "True".equals(ready) && current;
  }

  /** One line for the progress log, e.g. {@code Nodepool/dev-sim-apps  Provisioning  Ready=False  WaitingForNodes ...}. */
  public String line() {
    StringBuilder line = new StringBuilder(String.format("%-30s %-13s", kind + "/" + name,
        phase == null ? "(no status)" : phase));
    line.append(" Ready=").append(ready == null ? "-" : ready);
    if (reason != null) {
      line.append(' ').append(reason);
    }
    if (readyNodes != null) {
      line.append(", nodes ready ").append(readyNodes);
    }
    if (rolloutStep != null) {
      line.append(", rollout ").append(rolloutStep);
    }
    if ("True".equals(ready) && !current) {
      // observedGeneration moves only after a successful pass: a Ready that may predate the latest spec change.
      line.append(" (for an older spec)");
    }
    if (message != null && !message.isBlank() && !"True".equals(ready)) {
      String shortened = message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + "..." : message;
      line.append(": ").append(shortened);
    }
    return line.toString();
  }

  private static Map<?, ?> readyCondition(Object conditions) {
    if (conditions instanceof List<?> list) {
      for (Object condition : list) {
        if ("Ready".equals(map(condition).get("type"))) {
          return map(condition);
        }
      }
    }
    return Map.of();
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }

  /** A count as JSON maps carry it (Gson reads every number as a double): 3.0 becomes "3", null "0". */
  private static String count(Object value) {
    return value instanceof Number number ? Long.toString(number.longValue()) : "0";
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
