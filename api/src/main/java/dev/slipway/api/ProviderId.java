package dev.slipway.api;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of a machine, from a Node's {@code spec.providerID} or a cloud's instance list, in one canonical form
 * per cloud. Slipway matches Nodes to pools only by comparing whole canonical providerIDs, never by a name suffix or
 * an ordinal: AKS scale-set ordinals ({@code .../virtualMachines/0}) repeat in every pool, and matching on them once
 * deleted most of a production cluster's nodes.
 *
 * <p>Canonical forms:
 * <ul>
 *   <li>AWS: {@code aws:///<az>/<instance-id>} and {@code aws:////<instance-id>} (no zone) are the same instance:
 *       the identity is the instance ID, written {@code aws:////i-0123456789abcdef0}.</li>
 *   <li>Azure: {@code azure:///subscriptions/.../virtualMachines/<n>}: Azure resource IDs are case-insensitive (AKS
 *       reports the node resource group in varying case), so the path is lower-cased; repeated slashes in the path
 *       are collapsed.</li>
 *   <li>Any other scheme (e.g. {@code sim}): {@code <scheme>:///<path>} with repeated slashes collapsed and case kept.
 *   </li>
 * </ul>
 *
 * @param value the canonical form
 */
public record ProviderId(String value) {

  private static final Pattern FORM = Pattern.compile("^([a-z][a-z0-9+.-]*)://(.*)$");
  private static final Pattern AWS_INSTANCE = Pattern.compile("^(?:[a-z0-9-]*/)?(i-[0-9a-f]{8,17})$");

  public ProviderId {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses a providerID into its canonical form.
   *
   * @throws IllegalArgumentException if it is blank, has no {@code scheme://}, or (AWS) names no instance ID
   */
  public static ProviderId parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("providerID is empty");
    }
    Matcher form = FORM.matcher(raw.trim());
    if (!form.matches()) {
      throw new IllegalArgumentException("providerID '" + raw + "' is not of the form <scheme>://<id>");
    }
    String scheme = form.group(1);
    String path = collapseSlashes(form.group(2));
    if (path.isEmpty()) {
      throw new IllegalArgumentException("providerID '" + raw + "' has no id after " + scheme + "://");
    }
    return switch (scheme) {
      case "aws" -> new ProviderId("aws:////" + awsInstanceId(raw, path));
      case "azure" -> new ProviderId("azure:///" + path.toLowerCase(Locale.ROOT));
      default -> new ProviderId(scheme + ":///" + path);
    };
  }

  /** The last path element, e.g. the instance ID or the scale-set ordinal: for display only, never for matching. */
  public String lastSegment() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String awsInstanceId(String raw, String path) {
    Matcher instance = AWS_INSTANCE.matcher(path.toLowerCase(Locale.ROOT));
    if (!instance.matches()) {
      throw new IllegalArgumentException("providerID '" + raw + "' is not aws:///<zone>/<instance-id> or "
          + "aws:////<instance-id>");
    }
    return instance.group(1);
  }

  /** Drops leading and trailing slashes and collapses runs of slashes inside the id. */
  private static String collapseSlashes(String path) {
    return path.replaceAll("/+", "/").replaceAll("^/|/$", "");
  }
}
