package dev.slipway.controllers.e2e;

import dev.slipway.testing.moto.MotoServer;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * What a platform team has in its AWS account before Slipway runs, created in moto: the EKS cluster role, the node
 * role and a VPC with one subnet per availability zone.
 *
 * @param clusterRoleArn the role the EKS control plane assumes
 * @param nodeRoleArn the role the nodes assume
 * @param subnetIds subnets in zones a, b, c (in that order)
 */
record MotoAwsAccount(String clusterRoleArn, String nodeRoleArn, List<String> subnetIds) {

  static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
      AwsBasicCredentials.create("testing", "testing"));

  static MotoAwsAccount create(MotoServer moto, String region, String prefix) {
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    String clusterRole;
    String nodeRole;
    try (IamClient iam = IamClient.builder().endpointOverride(moto.endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(CREDENTIALS).build()) {
      clusterRole = iam.createRole(r -> r.roleName(prefix + "-cluster").assumeRolePolicyDocument(trust)).role()
          .arn();
      nodeRole = iam.createRole(r -> r.roleName(prefix + "-nodes").assumeRolePolicyDocument(trust)).role().arn();
    }
    try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(moto.endpoint()).region(Region.of(region))
        .credentialsProvider(CREDENTIALS).build()) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
      List<String> subnets = List.of("a", "b", "c").stream().map(zone -> ec2.createSubnet(r -> r.vpcId(vpc)
          .cidrBlock("10.42." + (zone.charAt(0) - 'a' + 1) + ".0/24").availabilityZone(region + zone)).subnet()
          .subnetId()).toList();
      return new MotoAwsAccount(clusterRole, nodeRole, subnets);
    }
  }

  /** Controller properties that point the aws provider at moto (and the workload cluster at the local one). */
  static Map<String, String> controllerProperties(MotoServer moto, java.nio.file.Path workloadKubeconfig) {
    return Map.of("slipway.providers.aws.endpoint-override", moto.endpoint().toString(),
        "slipway.providers.aws.workload-kubeconfig", workloadKubeconfig.toString());
  }

  /** Environment for the controllers: the default credential chain reads these, as it reads IRSA in a pod. */
  static Map<String, String> controllerEnvironment(String region) {
    return Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_REGION", region);
  }
}
