package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.provider.CloudException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EcrPullPolicyTest {

  @Test
  void documentAllowsTheTokenEverywhereAndPullsOnTheRepositories() throws CloudException {
    String arn = "arn:aws:ecr:eu-west-1:123456789012:repository/team-a/*";
    assertThat(EcrPullPolicy.document(arn)).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Sid\":\"SlipwayEcrAuthorizationToken\",\"Effect\":\"Allow\","
        + "\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"},"
        + "{\"Sid\":\"SlipwayEcrPull\",\"Effect\":\"Allow\","
        + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchCheckLayerAvailability\"],"
        + "\"Resource\":\"" + arn + "\"}]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "arn:aws:ecr:eu-west-1:123456789012:repository/web",
      "arn:aws:ecr:eu-west-1:123456789012:repository/*",
      "arn:aws:ecr:*:123456789012:repository/*",
      "arn:aws-cn:ecr:cn-north-1:123456789012:repository/team/app"})
  void acceptedRegistryIds(String id) throws CloudException {
    assertThat(EcrPullPolicy.resource(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
          + "Microsoft.ContainerRegistry/registries/acr1",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
      "arn:aws:s3:::bucket",
      "arn:aws:ecr:eu-west-1:1234:repository/web",
      "*"})
  void otherIdsAreRefused(String id) {
    assertThatThrownBy(() -> EcrPullPolicy.document(id)).isInstanceOfSatisfying(CloudException.class, e -> {
      assertThat(e.retryable()).isFalse();
      assertThat(e.code()).isEqualTo("InvalidParameter");
    });
  }

  @Test
  void policyNameIsStablePerRegistry() {
    String name = EcrPullPolicy.policyName("arn:aws:ecr:eu-west-1:123456789012:repository/web");
    assertThat(name).matches("^slipway-ecr-[0-9a-f]{10}$")
        .isEqualTo(EcrPullPolicy.policyName("arn:aws:ecr:eu-west-1:123456789012:repository/web"))
        .isNotEqualTo(EcrPullPolicy.policyName("arn:aws:ecr:eu-west-1:123456789012:repository/api"));
  }

  @Test
  void roleNameDropsThePath() throws CloudException {
    assertThat(EcrPullPolicy.roleName("arn:aws:iam::123456789012:role/eks/nodes")).isEqualTo("nodes");
    assertThat(EcrPullPolicy.roleName("arn:aws:iam::123456789012:role/nodes")).isEqualTo("nodes");
  }
}
