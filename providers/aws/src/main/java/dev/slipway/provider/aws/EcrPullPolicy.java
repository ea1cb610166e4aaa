package dev.slipway.provider.aws;

import dev.slipway.provider.CloudException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inline IAM role policy that lets a node role pull from ECR repositories: {@code ecr:GetAuthorizationToken} on
 * {@code *} (the action has no resource) and the three image-read actions on the repositories the registry ID names.
 *
 * <p>Registry IDs accepted: an ECR repository ARN, {@code arn:<partition>:ecr:<region>:<account>:repository/<name>},
 * where the name may hold {@code *} wildcards, so {@code repository/*} is "every repository of the registry" and
 * {@code repository/team-a/*} a namespace of it; the region may be {@code *}. Anything else is refused with a
 * permanent {@code InvalidParameter}.
 */
final class EcrPullPolicy {

  static final Pattern REPOSITORY_ARN = Pattern.compile(
      "^arn:(aws[a-z-]*):ecr:([a-z0-9-]+|\\*):([0-9]{12}):repository/([a-z0-9*][a-z0-9._/*-]*)$");

  private EcrPullPolicy() {
  }

  /** {@code slipway-ecr-<first 10 hex of sha256(registryId)>}: one policy per registry on the node role. */
  static String policyName(String registryId) {
    return "slipway-ecr-" + EksNames.sha256Hex(registryId).substring(0, 10);
  }

  /** The registry ID as the resource ARN of the policy; refuses what is not an ECR repository ARN pattern. */
  static String resource(String registryId) throws CloudException {
    Matcher m = registryId == null ? null : REPOSITORY_ARN.matcher(registryId.trim());
    if (m == null || !m.matches()) {
      throw CloudException.permanent("InvalidParameter", "registry '" + registryId + "' is not an ECR repository "
          + "ARN such as arn:aws:ecr:eu-west-1:123456789012:repository/team-a/* (AWS clusters can pull only from ECR)",
          null);
    }
    return registryId.trim();
  }

  /** The policy document (JSON) for a registry ID. */
  static String document(String registryId) throws CloudException {
    String resource = resource(registryId);
    return "{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Sid\":\"SlipwayEcrAuthorizationToken\",\"Effect\":\"Allow\","
        + "\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"},"
        + "{\"Sid\":\"SlipwayEcrPull\",\"Effect\":\"Allow\","
        + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchCheckLayerAvailability\"],"
        + "\"Resource\":\"" + resource + "\"}]}";
  }

  /** The role name of a role ARN ({@code arn:aws:iam::123456789012:role/path/name} gives {@code name}). */
  static String roleName(String roleArn) throws CloudException {
    int role = roleArn == null ? -1 : roleArn.indexOf(":role/");
    if (role < 0 || roleArn.endsWith("/")) {
      throw CloudException.permanent("InvalidParameter", "spec.aws.nodeRoleArn '" + roleArn
          + "' is not an IAM role ARN", null);
    }
    return roleArn.substring(roleArn.lastIndexOf('/') + 1);
  }
}
