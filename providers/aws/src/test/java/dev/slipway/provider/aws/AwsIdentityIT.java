package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.AllowedNamespaces;
import dev.slipway.api.v1alpha1.AwsIdentity;
import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.ProviderIdentitySpec;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.ResolvedIdentity;
import dev.slipway.testing.moto.LocalMoto;
import dev.slipway.testing.moto.MotoServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * A Cluster with a ProviderIdentity is served with the credentials of STS AssumeRole of the identity's role, against
 * moto (which implements sts:AssumeRole and hands out temporary ASIA... keys): every EKS call and the EKS token are
 * signed with the assumed key, not the controllers' own; the role is assumed once and the clients are built once
 * per identity, not per reconcile. (moto does not enforce IAM, so a refused AssumeRole is not tested here.)
 */
@LocalMoto
class AwsIdentityIT {

  private static final String OWN_KEY = "AKIDSLIPWAYTEST";
  private static MotoAws aws;
  private static final SigningKeys keys = new SigningKeys();
  private static final RecordedRequests requests = new RecordedRequests();
  private static String teamRoleArn;

  @BeforeAll
  static void start(MotoServer moto) {
    aws = new MotoAws(moto, AwsProperties.defaults(moto.endpoint()), List.of(keys, requests));
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
        + "\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    teamRoleArn = aws.iam().createRole(r -> r.roleName("slipway-team-a").assumeRolePolicyDocument(trust)).role()
        .arn();
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void callsForAClusterWithAnIdentityAreSignedWithTheAssumedRole() throws Exception {
    ResolvedIdentity identity = new ResolvedIdentity("team-a-aws", new ProviderIdentitySpec(CloudProvider.AWS,
        new AwsIdentity(teamRoleArn, "team-a-7f3c"), null, null, new AllowedNamespaces(List.of("team-a"), null)));
    ClusterTarget plain = aws.cluster("team-a", "assumed", "1.33");
    ClusterTarget cluster = new ClusterTarget(plain.namespace(), plain.name(), plain.uid(), plain.spec(), false,
        identity);

    int setupCalls = keys.all().size();
    aws.provider.controlPlanes().observe(cluster);
    aws.provider.controlPlanes().ensure(cluster);
    aws.provider.controlPlanes().observe(cluster);
    String token = aws.provider.controlPlanes().kubeconfig(cluster).yaml()
        .replaceAll("(?s).*token: \"(k8s-aws-v1\\.[^\"]+)\".*", "$1");

    List<AssumeRoleRequest> assumed = requests.all(AssumeRoleRequest.class);
    assertThat(assumed).as("the role is assumed once and the credentials reused").hasSize(1);
    assertThat(assumed.get(0).roleArn()).isEqualTo(teamRoleArn);
    assertThat(assumed.get(0).externalId()).isEqualTo("team-a-7f3c");
    assertThat(assumed.get(0).roleSessionName()).isEqualTo("slipway-team-a-aws");
    assertThat(keys.of("AssumeRole")).extracting(SigningKeys.Signed::accessKeyId)
        .as("STS is asked with the controllers' own credentials").containsExactly(OWN_KEY);
    List<SigningKeys.Signed> eks = keys.all().subList(setupCalls, keys.all().size()).stream()
        .filter(s -> !s.operation().equals("AssumeRole")).toList();
    assertThat(eks).extracting(SigningKeys.Signed::operation).contains("DescribeCluster", "CreateCluster");
    String assumedKey = eks.get(0).accessKeyId();
    assertThat(assumedKey).as("a temporary key from STS").startsWith("ASIA").isNotEqualTo(OWN_KEY);
    assertThat(eks).extracting(SigningKeys.Signed::accessKeyId).containsOnly(assumedKey);
    String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
        StandardCharsets.UTF_8);
    assertThat(URI.create(url).getQuery()).as("the EKS token is signed by the assumed role too")
        .contains("X-Amz-Credential=" + assumedKey + "/");

    // Cached per identity: the same clients for every reconcile, others for the controllers' own identity.
    assertThat(aws.clients.eks(MotoAws.REGION, identity)).isSameAs(aws.clients.eks(MotoAws.REGION, identity));
    assertThat(aws.clients.eks(MotoAws.REGION, identity)).isNotSameAs(aws.clients.eks(MotoAws.REGION));
    assertThat(aws.clients.credentials(MotoAws.REGION, identity))
        .isSameAs(aws.clients.credentials(MotoAws.REGION, identity));

    aws.provider.controlPlanes().observe(plain);
    assertThat(keys.all().get(keys.all().size() - 1).accessKeyId())
        .as("a Cluster without an identity still uses the controllers' own credentials").isEqualTo(OWN_KEY);
    aws.provider.controlPlanes().delete(cluster);
  }

  @Test
  void sessionNamesFitSts() {
    assertThat(AwsClients.sessionName("team-a")).isEqualTo("slipway-team-a");
    assertThat(AwsClients.sessionName("x".repeat(100))).hasSize(64);
    assertThat(AwsClients.sessionName("a:b")).isEqualTo("slipway-a-b");
  }
}
