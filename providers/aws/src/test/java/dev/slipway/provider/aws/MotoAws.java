package dev.slipway.provider.aws;

import dev.slipway.api.v1alpha1.AwsClusterSpec;
import dev.slipway.api.v1alpha1.CloudProvider;
import dev.slipway.api.v1alpha1.ClusterSpec;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.testing.moto.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The AWS provider pointed at a moto server (static dummy credentials, region eu-west-1), with the IAM roles and the
 * VPC and subnets (one per zone a, b, c) that clusters need.
 */
final class MotoAws implements AutoCloseable {

  static final String REGION = "eu-west-1";
  static final List<String> ZONES = List.of("eu-west-1a", "eu-west-1b", "eu-west-1c");

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final RecordedRequests requests = new RecordedRequests();
  final AwsClients clients;
  final AwsProvider provider;
  final String clusterRoleArn;
  final String nodeRoleArn;
  final List<String> subnetIds = new ArrayList<>();
  private final java.net.URI endpoint;

  MotoAws(MotoServer moto) {
    this(moto, AwsProperties.defaults(moto.endpoint()));
  }

  MotoAws(MotoServer moto, AwsProperties properties) {
    this(moto, properties, List.of());
  }

  /** With extra interceptors on every client (e.g. to see which key signed a request). */
  MotoAws(MotoServer moto, AwsProperties properties,
      List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> extra) {
    endpoint = moto.endpoint();
    List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors = new ArrayList<>(
        List.of(new SmallPages(), new CloudRequestMetrics(meters), requests));
    interceptors.addAll(extra);
    clients = new AwsClients(properties,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSLIPWAYTEST", "slipway-test-secret")),
        interceptors);
    provider = new AwsProvider(clients, Clock.systemUTC());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + "[\"eks.amazonaws.com\",\"ec2.amazonaws.com\"]},\"Action\":\"sts:AssumeRole\"}]}";
    clusterRoleArn = iam().createRole(r -> r.roleName("eks-cluster-" + suffix).assumeRolePolicyDocument(trust))
        .role().arn();
    nodeRoleArn = iam().createRole(r -> r.roleName("eks-nodes-" + suffix).path("/slipway/")
        .assumeRolePolicyDocument(trust)).role().arn();
    String vpc = ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    for (int i = 0; i < ZONES.size(); i++) {
      int octet = i;
      subnetIds.add(ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0." + octet + ".0/24")
          .availabilityZone(ZONES.get(octet))).subnet().subnetId());
    }
  }

  ClusterTarget cluster(String namespace, String name, String version) {
    return new ClusterTarget(namespace, name, UUID.randomUUID().toString(), new ClusterSpec(CloudProvider.AWS,
        REGION, version, false, new AwsClusterSpec(clusterRoleArn, nodeRoleArn, subnetIds, List.of(), true, false,
            Map.of("team", namespace)), null, null));
  }

  ClusterTarget withVersion(ClusterTarget cluster, String version) {
    ClusterSpec s = cluster.spec();
    return new ClusterTarget(cluster.namespace(), cluster.name(), cluster.uid(),
        new ClusterSpec(s.provider(), s.region(), version, s.paused(), s.aws(), s.azure(), s.sim()));
  }

  /** The moto server's base URL, without a trailing slash. */
  String endpointUrl() {
    return endpoint.toString().replaceAll("/$", "");
  }

  /**
   * GETs an absolute URL's path and query from moto, over a raw socket so that the Host header names the real AWS
   * host (moto routes by it; java.net.http refuses to set Host). Returns the whole response, status line first.
   */
  String rawGet(java.net.URI url, Map<String, String> headers) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
      StringBuilder request = new StringBuilder("GET " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\n"
          + "Host: " + url.getHost() + "\r\nConnection: close\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      socket.getOutputStream().write(request.append("\r\n").toString()
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  EksClient eks() {
    return clients.eks(REGION);
  }

  Ec2Client ec2() {
    return clients.ec2(REGION);
  }

  IamClient iam() {
    return clients.iam();
  }

  /** Count of timed SDK calls with these tags. */
  long calls(String operation, String outcome) {
    return meters.find(CloudRequestMetrics.METER).tag("provider", "aws").tag("operation", operation)
        .tag("outcome", outcome).timers().stream().mapToLong(t -> t.count()).sum();
  }

  @Override
  public void close() {
    clients.close();
  }
}
