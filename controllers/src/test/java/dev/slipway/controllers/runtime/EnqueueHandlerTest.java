package dev.slipway.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.Nodepool;
import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.workqueue.DefaultWorkQueue;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnqueueHandlerTest {

  private final DefaultWorkQueue<Request> queue = new DefaultWorkQueue<>();
  private final EnqueueHandler<Nodepool> handler = EnqueueHandler.<Nodepool>of(queue,
      np -> new Request("team", "cluster-of-" + np.getMetadata().getName()))
      .onUpdateOnlyIf(EnqueueHandler::specOrLifecycleChanged);

  @Test
  void aStatusOnlyUpdateEnqueuesNothing() {
    handler.onUpdate(nodepool(3L, null, List.of("slipway.dev/finalizer")),
        nodepool(3L, null, List.of("slipway.dev/finalizer")));

    assertThat(queue.length()).isZero();
  }

  @Test
  void aSpecChangeADeletionOrAFinalizerChangeEnqueues() {
    handler.onUpdate(nodepool(3L, null, List.of()), nodepool(4L, null, List.of()));
    assertThat(queue.length()).isEqualTo(1);
    assertThat(EnqueueHandler.specOrLifecycleChanged(nodepool(3L, null, List.of()),
        nodepool(3L, OffsetDateTime.parse("2026-11-22T09:00:00Z"), List.of()))).isTrue();
    assertThat(EnqueueHandler.specOrLifecycleChanged(nodepool(3L, null, List.of()),
        nodepool(3L, null, List.of("slipway.dev/finalizer")))).isTrue();
  }

  @Test
  void addsAndDeletesAlwaysEnqueue() {
    handler.onAdd(nodepool(1L, null, List.of()));
    handler.onDelete(nodepool(1L, null, List.of()), false);

    assertThat(queue.length()).as("the same key, deduplicated").isEqualTo(1);
  }

  @Test
  void thePoolHandlerIgnoresItsOwnStatusWritesButNotLabelsOrAnnotations() {
    EnqueueHandler<Nodepool> self = EnqueueHandler.selfIgnoringStatus(queue);
    self.onUpdate(nodepool(3L, null, List.of()), nodepool(3L, null, List.of()));
    assertThat(queue.length()).as("status only").isZero();

    Nodepool labelled = nodepool(3L, null, List.of());
    labelled.getMetadata().setLabels(java.util.Map.of("team", "a"));
    self.onUpdate(nodepool(3L, null, List.of()), labelled);
    assertThat(queue.length()).as("labels changed").isEqualTo(1);

    Nodepool annotated = nodepool(3L, null, List.of());
    annotated.getMetadata().setAnnotations(java.util.Map.of("note", "x"));
    assertThat(EnqueueHandler.moreThanStatusChanged(nodepool(3L, null, List.of()), annotated)).isTrue();
    assertThat(EnqueueHandler.moreThanStatusChanged(nodepool(3L, null, List.of()), nodepool(4L, null, List.of())))
        .isTrue();
  }

  private static Nodepool nodepool(Long generation, OffsetDateTime deleting, List<String> finalizers) {
    Nodepool nodepool = new Nodepool();
    nodepool.setMetadata(new V1ObjectMeta().name("np").namespace("team").generation(generation)
        .deletionTimestamp(deleting).finalizers(finalizers));
    return nodepool;
  }
}
