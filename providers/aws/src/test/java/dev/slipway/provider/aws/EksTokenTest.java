package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class EksTokenTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:15:30Z"), ZoneOffset.UTC);

  @Test
  void tokenIsPrefixedUnpaddedBase64UrlOfAPresignedGetCallerIdentityUrl() {
    AwsBasicCredentials credentials = AwsBasicCredentials.create("AKIDEXAMPLE", "secret");

    String token = EksToken.create(credentials, "eu-west-1", "team-a_checkout", CLOCK);

    assertThat(token).startsWith("k8s-aws-v1.").doesNotContain("=", "+", "/");
    String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
        StandardCharsets.UTF_8);
    URI uri = URI.create(url);
    assertThat(uri.getScheme()).isEqualTo("https");
    assertThat(uri.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
    assertThat(uri.getPath()).isEqualTo("/");
    Map<String, String> query = query(uri);
    assertThat(query).containsEntry("Action", "GetCallerIdentity")
        .containsEntry("Version", "2011-06-15")
        .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
        .containsEntry("X-Amz-Expires", "60")
        .containsEntry("X-Amz-Date", "20261121T101530Z")
        .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20261121/eu-west-1/sts/aws4_request")
        .containsKey("X-Amz-Signature");
    assertThat(query.get("X-Amz-SignedHeaders").split(";")).contains("host", "x-k8s-aws-id");
    assertThat(url).doesNotContain("secret");
  }

  @Test
  void signingIsDeterministicForTheSameClockAndDiffersPerCluster() {
    AwsBasicCredentials credentials = AwsBasicCredentials.create("AKIDEXAMPLE", "secret");
    assertThat(EksToken.create(credentials, "eu-west-1", "a", CLOCK))
        .isEqualTo(EksToken.create(credentials, "eu-west-1", "a", CLOCK))
        .isNotEqualTo(EksToken.create(credentials, "eu-west-1", "b", CLOCK));
  }

  @Test
  void sessionCredentialsAddTheSecurityToken() {
    AwsSessionCredentials credentials = AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token");
    Map<String, String> query = query(URI.create(EksToken.presignedUrl(credentials, "us-east-1", "c", CLOCK)));
    assertThat(query).containsEntry("X-Amz-Security-Token", "session-token");
    assertThat(URI.create(EksToken.presignedUrl(credentials, "us-east-1", "c", CLOCK)).getHost())
        .isEqualTo("sts.us-east-1.amazonaws.com");
  }

  @Test
  void otherPartitionsUseTheirDnsSuffix() {
    assertThat(EksToken.stsHost("cn-north-1")).isEqualTo("sts.cn-north-1.amazonaws.com.cn");
  }

  private static Map<String, String> query(URI uri) {
    return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }
}
