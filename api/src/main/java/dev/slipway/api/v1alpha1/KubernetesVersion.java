package dev.slipway.api.v1alpha1;

/**
 * Pattern and CEL fragments for the {@code version} field ({@code 1.33} or {@code 1.33.2}) of Cluster, Nodepool and
 * MachinePool specs, so the rules read the same everywhere. The rules sit on the spec (not the field) and name the
 * field with {@code fieldPath}: a rule on a record component would be emitted once per accessor and field.
 */
final class KubernetesVersion {

  /** A minor ({@code 1.33}) or patch ({@code 1.33.2}) version, without a leading v. */
  static final String PATTERN = "^1\\.(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,3}))?$";

  static final String FIELD = ".version";

  private static final String BOTH_SET = "!has(self.version) || !has(oldSelf.version) || ";

  /**
   * Transition rule: no downgrade. Compares the minor, then the patch when both versions carry one, so that
   * {@code 1.33 -> 1.33.4} (pinning a patch) is allowed but {@code 1.33.4 -> 1.33.2} is not.
   */
  static final String NO_DOWNGRADE = BOTH_SET
      + "int(self.version.split('.')[1]) > int(oldSelf.version.split('.')[1]) "
      + "|| (int(self.version.split('.')[1]) == int(oldSelf.version.split('.')[1]) "
      + "&& (size(self.version.split('.')) < 3 || size(oldSelf.version.split('.')) < 3 "
      + "|| int(self.version.split('.')[2]) >= int(oldSelf.version.split('.')[2])))";

  static final String NO_DOWNGRADE_MESSAGE =
      "'version may not be downgraded (from ' + oldSelf.version + ' to ' + self.version + ')'";

  /** Transition rule: clouds upgrade one minor version at a time (EKS and AKS both refuse skips). */
  static final String ONE_MINOR_AT_A_TIME = BOTH_SET
      + "int(self.version.split('.')[1]) <= int(oldSelf.version.split('.')[1]) + 1";

  static final String ONE_MINOR_AT_A_TIME_MESSAGE = "'version may only be upgraded one minor version at a time "
      + "(from ' + oldSelf.version + ' to ' + self.version + ')'";

  private KubernetesVersion() {
  }
}
