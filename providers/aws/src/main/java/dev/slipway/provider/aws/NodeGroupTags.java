package dev.slipway.provider.aws;

/**
 * Tags Slipway writes on a node group at creation, to report what EKS does not (zones, disk type, the spelling of
 * the disk size and version, whether the spec asked for autoscaling, the mode). Values use spaces as separators:
 * EKS tag values allow letters, digits, spaces and {@code + - = . _ : / @} only.
 */
final class NodeGroupTags {

  static final String ZONES = "slipway.dev/zones";
  static final String DISK_TYPE = "slipway.dev/disk-type";
  static final String DISK_SIZE = "slipway.dev/disk-size";
  static final String VERSION = "slipway.dev/version";
  static final String AUTOSCALED = "slipway.dev/autoscaled";
  static final String MODE = "slipway.dev/mode";
  static final String UNSET = "slipway.dev/unset";

  private NodeGroupTags() {
  }
}
