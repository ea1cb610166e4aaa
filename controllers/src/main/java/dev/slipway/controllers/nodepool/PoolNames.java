package dev.slipway.controllers.nodepool;

import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.provider.CloudNames;
import java.util.Locale;

/**
 * Names of a Nodepool's MachinePools and cloud pools: deterministic functions of the Nodepool's name and template
 * hash, so that a controller that crashed between creating a pool and recording it finds the same pool by name on
 * its next pass instead of creating a second one. Names fit each cloud's rules (the MachinePool CRD checks them too).
 */
public final class PoolNames {

  /** AKS: at most 12 lowercase letters and digits, starting with a letter. */
  static final int AKS_MAX = 12;
  /** AKS: characters kept from the Nodepool name, leaving the rest for the hash. */
  static final int AKS_PREFIX = 6;
  /** EKS node group names: at most 63 characters. */
  static final int EKS_MAX = 63;
  static final int HASH_HEX = 10;

  private PoolNames() {
  }

  /** The MachinePool object's name: {@code <nodepool>-<hash hex>}. */
  public static String machinePool(String nodepool, String templateHash) {
    return machinePool(nodepool, templateHash, 0);
  }

  /**
   * The MachinePool object's name for the {@code replacement}-th replacement of a pool with the same template, made
   * when a pool drifted outside Slipway: {@code <nodepool>-<hash hex>}, then {@code -r<replacement>} when above 0.
   */
  public static String machinePool(String nodepool, String templateHash, int replacement) {
    return nodepool + "-" + hashHex(templateHash) + suffix(replacement);
  }

  /**
   * The cloud pool's name. AKS: up to 6 letters and digits of the Nodepool name plus 6 hex digits of a hash of the
   * Nodepool name and template hash (two Nodepools with the same prefix and template still differ). EKS and sim: the
   * Nodepool name, shortened to fit, plus the template hash's hex digits.
   */
  public static String cloudPool(CloudProvider provider, String nodepool, String templateHash) {
    return cloudPool(provider, nodepool, templateHash, 0);
  }

  /** The cloud pool's name for the {@code replacement}-th replacement (0: the first pool) of a template. */
  public static String cloudPool(CloudProvider provider, String nodepool, String templateHash, int replacement) {
    if (provider == CloudProvider.AZURE) {
      String letters = nodepool.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      String prefix = letters.isEmpty() || !Character.isLetter(letters.charAt(0)) ? "p" + letters : letters;
      prefix = prefix.substring(0, Math.min(AKS_PREFIX, prefix.length()));
      return prefix + sha256Hex(nodepool + "/" + templateHash + (replacement == 0 ? "" : "/" + replacement))
          .substring(0, AKS_MAX - prefix.length());
    }
    String suffix = "-" + hashHex(templateHash) + suffix(replacement);
    String head = nodepool.substring(0, Math.min(nodepool.length(), EKS_MAX - suffix.length()));
    return head + suffix;
  }

  private static String suffix(int replacement) {
    if (replacement < 0) {
      throw new IllegalArgumentException("replacement must not be negative: " + replacement);
    }
    return replacement == 0 ? "" : "-r" + replacement;
  }

  private static String hashHex(String templateHash) {
    String hex = templateHash.substring(templateHash.indexOf('-') + 1);
    return hex.substring(0, Math.min(HASH_HEX, hex.length()));
  }

  private static String sha256Hex(String input) {
    return CloudNames.sha256Hex(input);
  }
}
