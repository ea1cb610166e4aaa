package dev.slipway.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Cloud resource names derived from a Slipway Cluster, shared by the providers. */
public final class CloudNames {

  /** Hex digits of the hash that ends a shortened name. */
  static final int HASH_HEX = 10;

  private CloudNames() {
  }

  /**
   * {@code <namespace>_<name>} with every {@code .} of the name written {@code _} (the form Cluster API's cloud
   * providers use). Namespaces and names never contain {@code _} and namespaces never contain {@code .}, so the
   * mapping is one-to-one: {@code team-a} + {@code prod} and {@code team} + {@code a-prod} stay apart. Longer than
   * {@code maxLength}: the first characters, {@code -} and 10 hex digits of sha256({@code <namespace>/<name>}).
   * A shortened name could in theory collide, so providers also check the ownership tag of what they find.
   */
  public static String clusterName(String namespace, String name, int maxLength) {
    String full = namespace + "_" + name.replace('.', '_');
    if (full.length() <= maxLength) {
      return full;
    }
    String suffix = "-" + sha256Hex(namespace + "/" + name).substring(0, HASH_HEX);
    return full.substring(0, maxLength - suffix.length()) + suffix;
  }

  /** Lower-case hex of the SHA-256 of a string's UTF-8 bytes. */
  public static String sha256Hex(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
