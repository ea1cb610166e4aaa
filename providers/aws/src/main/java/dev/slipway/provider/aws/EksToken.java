package dev.slipway.provider.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * EKS bearer tokens, made as {@code aws eks get-token} and aws-iam-authenticator make them: an STS
 * {@code GetCallerIdentity} GET request presigned with SigV4 in the query string ({@code X-Amz-Expires=60}), with
 * the header {@code x-k8s-aws-id: <EKS cluster name>} signed, base64url-encoded without padding and prefixed with
 * {@code k8s-aws-v1.}. The EKS API server replays the URL against STS to learn the caller's IAM identity. The token is
 * a credential: never log it. EKS accepts it for 15 minutes after signing.
 */
final class EksToken {

  static final String PREFIX = "k8s-aws-v1.";
  static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
  static final Duration PRESIGN_EXPIRY = Duration.ofSeconds(60);
  /** How long EKS honours a token (15 min), less a minute of margin for clock skew and transit. */
  static final Duration LIFETIME = Duration.ofMinutes(14);

  private static final HttpSigner<AwsCredentialsIdentity> SIGNER = AwsV4HttpSigner.create();

  private EksToken() {
  }

  /** The token for an EKS cluster, signed with {@code credentials} at the clock's current time. */
  static String create(AwsCredentialsIdentity credentials, String region, String clusterName, Clock clock) {
    return PREFIX + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(presignedUrl(credentials, region, clusterName, clock).getBytes(StandardCharsets.UTF_8));
  }

  /** The presigned STS URL inside a token. */
  static String presignedUrl(AwsCredentialsIdentity credentials, String region, String clusterName, Clock clock) {
    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.GET)
        .uri(URI.create("https://" + stsHost(region) + "/"))
        .putRawQueryParameter("Action", "GetCallerIdentity")
        .putRawQueryParameter("Version", "2011-06-15")
        .putHeader(CLUSTER_ID_HEADER, clusterName)
        .build();
    SdkHttpRequest signed = SIGNER.sign(r -> r.request(request)
        .identity(credentials)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRY)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
    return signed.getUri().toString();
  }

  /** {@code sts.<region>.amazonaws.com}, or the partition's DNS suffix (e.g. {@code amazonaws.com.cn}). */
  static String stsHost(String region) {
    RegionMetadata metadata = Region.of(region).metadata();
    String suffix = metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
    return "sts." + region + "." + suffix;
  }
}
