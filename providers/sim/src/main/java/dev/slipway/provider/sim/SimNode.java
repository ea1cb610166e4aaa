package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.Taint;
import java.util.List;
import java.util.Map;

/**
 * A Node the simulated cloud registers for one machine.
 *
 * @param name Node name
 * @param providerId {@code spec.providerID}
 * @param labels every label the cloud sets (the pool's node labels plus the well-known ones)
 * @param poolLabelKeys the keys of {@code labels} that come from the pool's node labels, so a later change can
 *     remove the ones the pool dropped without touching labels others added
 * @param taints the pool's taints
 */
record SimNode(String name, String providerId, Map<String, String> labels, List<String> poolLabelKeys,
    List<Taint> taints) {
}
