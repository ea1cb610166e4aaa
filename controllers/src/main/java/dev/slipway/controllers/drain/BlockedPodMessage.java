package dev.slipway.controllers.drain;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns blocked pods into a condition message that names each pod and the PodDisruptionBudget holding it, e.g.
 * {@code pod shop/web-7c9d blocked by PodDisruptionBudget shop/web-pdb (0 disruptions allowed)}, so that the team
 * owning a stalled rollout can see what to fix without reading controller logs. Pure.
 */
public final class BlockedPodMessage {

  /** A message length that keeps a Nodepool's status readable in {@code kubectl describe}. */
  public static final int DEFAULT_MAX_LENGTH = 1024;
  /** Below this, not even one pod and a count fit. */
  static final int MIN_MAX_LENGTH = 64;
  private static final String SEPARATOR = "; ";
  private static final String ELLIPSIS = "...";

  private BlockedPodMessage() {
  }

  /**
   * One entry per blocked pod, in the given order, joined by {@code "; "}. When they do not all fit in
   * {@code maxLength} characters, as many as fit are kept followed by {@code "; and N more"}; the result never
   * exceeds {@code maxLength}. An empty list gives an empty string.
   *
   * @throws IllegalArgumentException if {@code maxLength} is below {@value #MIN_MAX_LENGTH}
   */
  public static String format(List<BlockedPod> blocked, int maxLength) {
    if (maxLength < MIN_MAX_LENGTH) {
      throw new IllegalArgumentException("maxLength must be at least " + MIN_MAX_LENGTH + ", was " + maxLength);
    }
    List<String> entries = blocked.stream().map(BlockedPodMessage::entry).toList();
    String all = String.join(SEPARATOR, entries);
    if (all.length() <= maxLength) {
      return all;
    }
    List<String> kept = new ArrayList<>();
    int length = 0;
    for (int i = 0; i < entries.size(); i++) {
      String more = SEPARATOR + "and " + (entries.size() - i - 1) + " more";
      int added = (kept.isEmpty() ? 0 : SEPARATOR.length()) + entries.get(i).length();
      if (length + added + more.length() > maxLength) {
        break;
      }
      kept.add(entries.get(i));
      length += added;
    }
    if (kept.isEmpty()) {
      // Not even the first entry fits whole: cut it, it still names the pod.
      String tail = SEPARATOR + "and " + (entries.size() - 1) + " more";
      String first = entries.get(0);
      String cut = first.substring(0, maxLength - tail.length() - ELLIPSIS.length()) + ELLIPSIS;
      return entries.size() == 1 ? first.substring(0, maxLength - ELLIPSIS.length()) + ELLIPSIS : cut + tail;
    }
    return String.join(SEPARATOR, kept) + SEPARATOR + "and " + (entries.size() - kept.size()) + " more";
  }

  /** One pod's entry, without any length limit. */
  static String entry(BlockedPod pod) {
    String podKey = "pod " + pod.namespace() + "/" + pod.name();
    if (pod.pdbNames().isEmpty()) {
      return podKey + " eviction refused (" + pod.message() + ")";
    }
    List<String> keys = pod.pdbNames().stream().map(name -> pod.namespace() + "/" + name).toList();
    String budgets = keys.size() == 1 ? "PodDisruptionBudget " : "PodDisruptionBudgets ";
    return podKey + " blocked by " + budgets + String.join(", ", keys) + " (" + pod.message() + ")";
  }
}
