package dev.slipway.controllers.drain;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.PolicyV1Api;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Eviction;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Preconditions;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.PatchUtils;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cordons, uncordons and drains nodes of a workload cluster, for the Nodepool rollout (DESIGN.md, "Replace-not-mutate,
 * precisely", step 3).
 *
 * <p>Contract: every method does one non-blocking pass and returns; none sleeps or waits for pods to go. The caller
 * calls again on its next requeue until {@link DrainPass#complete()}, so progress survives a controller restart and
 * any replica can carry on. Every method is idempotent. Stateless apart from the injected {@link Clock}, hence
 * thread-safe; the {@link ApiClient} passed in must be the workload cluster's (it is not retained).
 *
 * <p>Pods are read live from the workload cluster rather than from an informer cache: a drain must not complete on
 * a stale view, and it runs only for the nodes of a rollout, a few lists per pass.
 */
public final class NodeDrainer {

  private static final Logger LOG = LoggerFactory.getLogger(NodeDrainer.class);

  // Strategic merge patches of one field: no read-modify-write, so no conflict with the kubelet or other writers.
  private static final String CORDON = "{\"spec\":{\"unschedulable\":true}}";
  // false rather than null: the field is omitempty, so the API server stores false as absent either way.
  private static final String UNCORDON = "{\"spec\":{\"unschedulable\":false}}";
  /** The API server's answer (HTTP 500) for a pod selected by several PodDisruptionBudgets. */
  private static final String MULTIPLE_BUDGETS = "more than one PodDisruptionBudget";
  private static final int HTTP_TOO_MANY_REQUESTS = 429;

  private final Clock clock;

  public NodeDrainer(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Marks the node unschedulable. Idempotent.
   *
   * @return true if the node exists (and is now cordoned), false if there is no such node (nothing to cordon)
   * @throws NodeOperationException if the API server refuses for another reason
   */
  public boolean cordon(ApiClient workload, String nodeName) {
    return patchUnschedulable(workload, nodeName, CORDON, "cordon");
  }

  /**
   * Marks the node schedulable again, e.g. when a rollout is cancelled. Idempotent.
   *
   * @return true if the node exists (and is now schedulable), false if there is no such node
   * @throws NodeOperationException if the API server refuses for another reason
   */
  public boolean uncordon(ApiClient workload, String nodeName) {
    return patchUnschedulable(workload, nodeName, UNCORDON, "uncordon");
  }

  private boolean patchUnschedulable(ApiClient workload, String nodeName, String patch, String step) {
    Objects.requireNonNull(nodeName, "nodeName");
    CoreV1Api core = new CoreV1Api(workload);
    try {
      PatchUtils.patch(V1Node.class, () -> core.patchNode(nodeName, new V1Patch(patch)).buildCall(null),
          V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, workload);
      return true;
    } catch (ApiException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw failure(step + " node " + nodeName, e);
    }
  }

  /**
   * One drain pass over the pods bound to {@code nodeName} (the node itself need not exist any more). Pods
   * controlled by a DaemonSet, mirror pods and finished pods are ignored; terminating pods are waited for, not
   * evicted again. Every other pod is evicted ({@link DrainMode#EVICT}) or deleted ({@link DrainMode#FORCE_DELETE}),
   * each with its UID as precondition, so that a new pod that took a moved pod's name (a StatefulSet's) is never
   * hit. A refused eviction is reported as a {@link BlockedPod}, naming the PodDisruptionBudgets that select the pod.
   *
   * <p>Pods are handled in namespace/name order, so that the blocked list, and a message built from it, is stable.
   *
   * @throws NodeOperationException on any other API failure; pods already evicted in this pass stay evicted, and the
   *     next pass counts them as terminating
   */
  public DrainPass drain(ApiClient workload, String nodeName, DrainMode mode) {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(mode, "mode");
    CoreV1Api core = new CoreV1Api(workload);
    Instant now = clock.instant();
    Map<String, List<V1PodDisruptionBudget>> budgetsByNamespace = new HashMap<>();
    int movedNow = 0;
    int waiting = 0; // terminating, or to be looked at again next pass
    List<BlockedPod> blocked = new ArrayList<>();
    for (V1Pod pod : podsOn(core, nodeName)) {
      switch (PodTriage.of(pod, now)) {
        case DAEMON_SET:
        case MIRROR:
        case FINISHED:
          break;
        case TERMINATING:
          waiting++;
          break;
        case TERMINATING_OVERDUE:
          // Its kubelet has not confirmed termination within the grace period. Only the force policy may then
          // remove the API object; otherwise wait, as a live kubelet may still be stopping it.
          if (mode == DrainMode.FORCE_DELETE && delete(core, pod, nodeName, 0) == Outcome.GONE) {
            break;
          }
          waiting++;
          break;
        case MOVE:
          Outcome outcome = mode == DrainMode.FORCE_DELETE
              ? delete(core, pod, nodeName, null)
              : evict(workload, core, pod, nodeName, budgetsByNamespace, blocked);
          if (outcome == Outcome.MOVED) {
            movedNow++;
          } else if (outcome == Outcome.RECHECK) {
            waiting++;
          }
          break;
        default:
          throw new IllegalStateException("unhandled disposition for pod " + key(pod));
      }
    }
    DrainPass pass = new DrainPass(movedNow, movedNow + waiting, blocked,
        movedNow + waiting == 0 && blocked.isEmpty());
    if (movedNow > 0 || !blocked.isEmpty()) {
      LOG.info("Drain pass on node {} ({}): {} pods {} now, {} pending, {} blocked", nodeName, mode, movedNow,
          mode == DrainMode.EVICT ? "evicted" : "deleted", pass.pending(), blocked.size());
    }
    return pass;
  }

  /** The pods bound to the node, in namespace/name order. */
  private static List<V1Pod> podsOn(CoreV1Api core, String nodeName) {
    try {
      // Note: no paging; a node holds at most its max-pods (at most a few hundred).
      List<V1Pod> pods = new ArrayList<>(core.listPodForAllNamespaces()
          .fieldSelector("spec.nodeName=" + nodeName)
          .execute()
          .getItems());
      pods.sort(Comparator.comparing((V1Pod p) -> p.getMetadata().getNamespace())
          .thenComparing(p -> p.getMetadata().getName()));
      return pods;
    } catch (ApiException e) {
      throw failure("list pods on node " + nodeName, e);
    }
  }

  /** What became of one pod in this pass. */
  private enum Outcome {
    /** Evicted or deleted by this call: it is terminating now. */
    MOVED,
    /** Not found: gone already. */
    GONE,
    /**
     * The UID precondition failed (409): the pod we listed was replaced by one of the same name. Counted as pending,
     * so the pass is not complete and the next pass looks at the newcomer.
     */
    RECHECK,
    /** Eviction refused; recorded as a {@link BlockedPod}. */
    BLOCKED
  }

  /** Asks the Eviction API to evict the pod; a refusal is added to {@code blocked}. */
  private static Outcome evict(ApiClient workload, CoreV1Api core, V1Pod pod, String nodeName,
      Map<String, List<V1PodDisruptionBudget>> budgetsByNamespace, List<BlockedPod> blocked) {
    V1ObjectMeta meta = pod.getMetadata();
    V1Eviction eviction = new V1Eviction()
        .metadata(new V1ObjectMeta().name(meta.getName()).namespace(meta.getNamespace()))
        .deleteOptions(new V1DeleteOptions().preconditions(new V1Preconditions().uid(meta.getUid())));
    try {
      send(core.createNamespacedPodEviction(meta.getName(), meta.getNamespace(), eviction).buildCall(null));
      return Outcome.MOVED;
    } catch (ApiException e) {
      if (unmoved(e) != null) {
        return unmoved(e);
      }
      String body = e.getResponseBody() == null ? "" : e.getResponseBody();
      boolean multipleBudgets = e.getCode() == HttpURLConnection.HTTP_INTERNAL_ERROR
          && body.contains(MULTIPLE_BUDGETS);
      if (e.getCode() != HTTP_TOO_MANY_REQUESTS && !multipleBudgets) {
        throw failure("evict pod " + key(pod) + " from node " + nodeName, e);
      }
      List<V1PodDisruptionBudget> budgets = DisruptionBudgets.selecting(
          budgetsByNamespace.computeIfAbsent(meta.getNamespace(), ns -> budgetsIn(workload, ns, nodeName)), pod);
      String message;
      if (multipleBudgets) {
        message = "selected by several PodDisruptionBudgets, which the Eviction API refuses to evict";
      } else if (budgets.isEmpty()) {
        // Not a budget (or one deleted since): API server throttling, say. Report what the server said.
        message = statusMessage(e);
      } else {
        message = DisruptionBudgets.describe(budgets);
      }
      blocked.add(new BlockedPod(meta.getNamespace(), meta.getName(),
          budgets.stream().map(b -> b.getMetadata().getName()).toList(), message));
      return Outcome.BLOCKED;
    }
  }

  /**
   * Sends a request and checks its status code only, reading no body on success. Note: not {@code execute()}: an
   * eviction is answered with a {@code Status}, which client-java 24 tries to read as a {@code V1Eviction} and
   * rejects ("The field `status` in the JSON string is not defined in the `V1Eviction` properties") after the
   * eviction has happened; a pod deletion may be answered with a Pod or a Status.
   *
   * @throws ApiException for any answer but 2xx, carrying its code and body, or with code 0 if there was no answer
   */
  private static void send(Call call) throws ApiException {
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) {
        ResponseBody body = response.body();
        throw new ApiException(response.code(), response.headers().toMultimap(), body == null ? "" : body.string());
      }
    } catch (IOException e) {
      throw new ApiException(e);
    }
  }

  private static List<V1PodDisruptionBudget> budgetsIn(ApiClient workload, String namespace, String nodeName) {
    try {
      return new PolicyV1Api(workload).listNamespacedPodDisruptionBudget(namespace).execute().getItems();
    } catch (ApiException e) {
      throw failure("list PodDisruptionBudgets in namespace " + namespace + " (draining node " + nodeName + ")", e);
    }
  }

  /**
   * Deletes the pod directly, bypassing PodDisruptionBudgets.
   *
   * @param gracePeriodSeconds null for the pod's own grace period
   */
  private static Outcome delete(CoreV1Api core, V1Pod pod, String nodeName, Integer gracePeriodSeconds) {
    V1ObjectMeta meta = pod.getMetadata();
    try {
      send(core.deleteNamespacedPod(meta.getName(), meta.getNamespace())
          .gracePeriodSeconds(gracePeriodSeconds)
          .body(new V1DeleteOptions().preconditions(new V1Preconditions().uid(meta.getUid())))
          .buildCall(null));
      return Outcome.MOVED;
    } catch (ApiException e) {
      if (unmoved(e) != null) {
        return unmoved(e);
      }
      throw failure("delete pod " + key(pod) + " from node " + nodeName, e);
    }
  }

  /** GONE for 404, RECHECK for 409 (see {@link Outcome}), null for any other answer. */
  private static Outcome unmoved(ApiException e) {
    if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
      return Outcome.GONE;
    }
    return e.getCode() == HttpURLConnection.HTTP_CONFLICT ? Outcome.RECHECK : null;
  }

  private static String statusMessage(ApiException e) {
    try {
      V1Status status = JSON.deserialize(e.getResponseBody(), V1Status.class);
      if (status != null && status.getMessage() != null) {
        return status.getMessage();
      }
    } catch (RuntimeException notAStatus) {
      // Fall through to the HTTP code.
    }
    return "HTTP " + e.getCode();
  }

  private static NodeOperationException failure(String step, ApiException e) {
    // The response body is the API server's Status: useful, and it holds no secrets.
    String answer = e.getCode() == 0 ? e.getMessage() : "HTTP " + e.getCode() + ": " + statusMessage(e);
    return new NodeOperationException(step + " failed: " + answer, e.getCode(), e);
  }

  private static String key(V1Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
