package dev.slipway.controllers.nodepool;

import dev.slipway.api.v1alpha1.MachineTemplate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The versioned hash of what forces a node-pool replacement: the Kubernetes version and the {@link MachineTemplate}.
 * A Nodepool whose hash differs from its active pool's is rolled out as a new pool.
 *
 * <p>The hash is written {@code <function version>-<hex>}, e.g. {@code v1-3f9a0c2b71}. A recorded hash is always
 * re-checked with the function that produced it, so a Slipway release that changes the function (say, to cover a new
 * template field) does not roll every node of the fleet: only a real change of the template does. Each function
 * names the fields it covers explicitly, so adding a defaulted field to the API does not change existing hashes.
 */
public final class TemplateHash {

  /** The function new hashes are computed with. */
  public static final String CURRENT = "v1";

  private static final Map<String, BiFunction<String, MachineTemplate, String>> FUNCTIONS = Map.of(
      "v1", TemplateHash::canonicalV1);

  private TemplateHash() {
  }

  /** The hash of a version and template with the current function. */
  public static String of(String version, MachineTemplate template) {
    return hash(CURRENT, version, template);
  }

  /**
   * Whether a recorded hash still describes this version and template, checked with the function that recorded it.
   *
   * @throws IllegalArgumentException if the recorded hash names a function this release does not know (a hash
   *     written by a newer Slipway): the caller reports it instead of replacing the pool
   */
  public static boolean matches(String recorded, String version, MachineTemplate template) {
    int dash = recorded.indexOf('-');
    String function = dash > 0 ? recorded.substring(0, dash) : "";
    if (!FUNCTIONS.containsKey(function)) {
      throw new IllegalArgumentException("template hash '" + recorded + "' was written by an unknown hash function '"
          + function + "'; this Slipway knows " + FUNCTIONS.keySet());
    }
    return recorded.equals(hash(function, version, template));
  }

  private static String hash(String function, String version, MachineTemplate template) {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(template, "template");
    String canonical = FUNCTIONS.get(function).apply(version, template);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return function + "-" + HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * Version 1: one {@code name=value} line per field, in a fixed order, absent fields empty. Zones are a set, so
   * they are sorted; disk sizes are compared as written (the API server keeps quantities as sent).
   * Enums are written by their Java constant names. Note: never change this function (nor rename those constants);
   * add a v2 instead.
   */
  private static String canonicalV1(String version, MachineTemplate t) {
    List<String> zones = t.zones() == null ? List.of() : t.zones().stream().sorted().toList();
    return String.join("\n",
        "version=" + version,
        "machineType=" + Objects.toString(t.machineType(), ""),
        "osImage=" + Objects.toString(t.osImage(), ""),
        "architecture=" + Objects.toString(t.architecture(), ""),
        "diskSize=" + Objects.toString(t.diskSize(), ""),
        "diskType=" + Objects.toString(t.diskType(), ""),
        "maxPods=" + Objects.toString(t.maxPods(), ""),
        "capacityType=" + Objects.toString(t.capacityType(), ""),
        "zones=" + String.join(",", zones));
  }
}
