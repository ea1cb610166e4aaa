package dev.slipway.provider.aws;

import dev.slipway.api.v1alpha1.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The label and taint changes that turn a node group's current values into the desired ones, in the shape of
 * {@code UpdateNodegroupConfig} ({@code addOrUpdate...} and {@code remove...}). Pure.
 *
 * @param addOrUpdateLabels labels to set
 * @param removeLabels label keys to drop
 * @param addOrUpdateTaints taints to set (EKS identifies a taint by key and effect; a new value replaces the old)
 * @param removeTaints taints whose key and effect the desired taints no longer have
 */
record NodeGroupChanges(Map<String, String> addOrUpdateLabels, List<String> removeLabels,
    List<Taint> addOrUpdateTaints, List<Taint> removeTaints) {

  static NodeGroupChanges between(Map<String, String> currentLabels, Map<String, String> desiredLabels,
      List<Taint> currentTaints, List<Taint> desiredTaints) {
    Map<String, String> add = new LinkedHashMap<>();
    desiredLabels.forEach((k, v) -> {
      if (!Objects.equals(currentLabels.get(k), v)) {
        add.put(k, v);
      }
    });
    List<String> remove = new ArrayList<>(new TreeSet<>(currentLabels.keySet()));
    remove.removeAll(desiredLabels.keySet());

    List<Taint> addTaints = new ArrayList<>();
    for (Taint taint : desiredTaints) {
      if (!currentTaints.contains(taint)) {
        addTaints.add(taint);
      }
    }
    List<Taint> removeTaints = new ArrayList<>();
    for (Taint taint : currentTaints) {
      boolean kept = desiredTaints.stream().anyMatch(d -> d.key().equals(taint.key()) && d.effect() == taint.effect());
      if (!kept) {
        removeTaints.add(taint);
      }
    }
    return new NodeGroupChanges(add, remove, addTaints, removeTaints);
  }

  boolean labelsChange() {
    return !addOrUpdateLabels.isEmpty() || !removeLabels.isEmpty();
  }

  boolean taintsChange() {
    return !addOrUpdateTaints.isEmpty() || !removeTaints.isEmpty();
  }
}
