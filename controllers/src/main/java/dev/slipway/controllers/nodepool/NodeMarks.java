package dev.slipway.controllers.nodepool;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.util.PatchUtils;
import java.time.Instant;
import java.util.Map;

/**
 * The marks a rollout keeps on workload Nodes: cordon (spec.unschedulable) plus annotations saying Slipway cordoned
 * the node and when its drain started and finished. Kept on the Node, so any replica resumes a drain where another
 * stopped, and a human's own cordon is never undone by Slipway. Every write is a merge patch: idempotent, no
 * read-modify-write race.
 */
final class NodeMarks {

  /** The Nodepool (namespace/name) whose rollout cordoned the node. */
  static final String CORDONED_BY = "slipway.dev/cordoned-by";
  /** When Slipway started draining the node. */
  static final String DRAIN_STARTED_AT = "slipway.dev/drain-started-at";
  /** When a drain pass found nothing left to move. */
  static final String DRAINED_AT = "slipway.dev/drained-at";

  private NodeMarks() {
  }

  static void cordon(ApiClient client, String node, String nodepoolKey) throws ApiException {
    patch(client, node, "{\"metadata\":{\"annotations\":{\"" + CORDONED_BY + "\":\"" + nodepoolKey + "\"}},"
        + "\"spec\":{\"unschedulable\":true}}");
  }

  static void uncordon(ApiClient client, String node) throws ApiException {
    patch(client, node, "{\"metadata\":{\"annotations\":{\"" + CORDONED_BY + "\":null,\"" + DRAIN_STARTED_AT
        + "\":null,\"" + DRAINED_AT + "\":null}},\"spec\":{\"unschedulable\":null}}");
  }

  static void annotate(ApiClient client, String node, String key, Instant value) throws ApiException {
    patch(client, node, "{\"metadata\":{\"annotations\":{\"" + key + "\":\"" + value + "\"}}}");
  }

  static Instant instant(V1Node node, String key) {
    Map<String, String> annotations = node.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static boolean cordonedBySlipway(V1Node node) {
    Map<String, String> annotations = node.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(CORDONED_BY);
  }

  private static void patch(ApiClient client, String node, String body) throws ApiException {
    try {
      PatchUtils.patch(V1Node.class, () -> new CoreV1Api(client).patchNode(node, new V1Patch(body)).buildCall(null),
          V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
