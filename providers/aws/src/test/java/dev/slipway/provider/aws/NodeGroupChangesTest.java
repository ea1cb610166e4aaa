package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.Taint;
import dev.slipway.api.v1alpha1.Taint.Effect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeGroupChangesTest {

  @Test
  void nothingChanges() {
    NodeGroupChanges changes = NodeGroupChanges.between(Map.of("a", "1"), Map.of("a", "1"),
        List.of(new Taint("t", "v", Effect.NoSchedule)), List.of(new Taint("t", "v", Effect.NoSchedule)));
    assertThat(changes.labelsChange()).isFalse();
    assertThat(changes.taintsChange()).isFalse();
  }

  @Test
  void labelsAreAddedUpdatedAndRemoved() {
    NodeGroupChanges changes = NodeGroupChanges.between(Map.of("keep", "1", "change", "old", "drop", "x"),
        Map.of("keep", "1", "change", "new", "add", "y"), List.of(), List.of());
    assertThat(changes.addOrUpdateLabels()).containsOnly(Map.entry("change", "new"), Map.entry("add", "y"));
    assertThat(changes.removeLabels()).containsExactly("drop");
  }

  @Test
  void aTaintWithANewValueIsUpdatedNotRemoved() {
    NodeGroupChanges changes = NodeGroupChanges.between(Map.of(), Map.of(),
        List.of(new Taint("dedicated", "old", Effect.NoSchedule), new Taint("gone", null, Effect.NoExecute)),
        List.of(new Taint("dedicated", "new", Effect.NoSchedule), new Taint("added", null, Effect.PreferNoSchedule)));
    assertThat(changes.addOrUpdateTaints()).containsExactly(new Taint("dedicated", "new", Effect.NoSchedule),
        new Taint("added", null, Effect.PreferNoSchedule));
    assertThat(changes.removeTaints()).containsExactly(new Taint("gone", null, Effect.NoExecute));
  }
}
