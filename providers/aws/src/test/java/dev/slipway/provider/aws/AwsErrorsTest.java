package dev.slipway.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.provider.CloudException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;

class AwsErrorsTest {

  @ParameterizedTest(name = "{0} {1} -> retryable={2}")
  @CsvSource({
      "400, ThrottlingException, true",
      "400, Throttling, true",
      "400, TooManyRequestsException, true",
      "503, RequestLimitExceeded, true",
      "429, SomethingElse, true",
      "500, ServerException, true",
      "503, ServiceUnavailableException, true",
      "400, InvalidParameterException, false",
      "403, AccessDeniedException, false",
      "404, ResourceNotFoundException, false",
      "409, ResourceInUseException, false",
      "400, ResourceLimitExceededException, false"})
  void classification(int status, String code, boolean retryable) {
    AwsServiceException failure = EksException.builder().statusCode(status).requestId("req-123")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("what AWS said").build()).build();

    CloudException mapped = AwsErrors.map("create EKS cluster x", failure);

    assertThat(mapped.retryable()).isEqualTo(retryable);
    assertThat(mapped.code()).isEqualTo(code);
    assertThat(mapped.requestId()).isEqualTo("req-123");
    assertThat(mapped.getMessage()).isEqualTo("create EKS cluster x: what AWS said");
    assertThat(mapped.describe()).contains(code, "req-123");
    assertThat(mapped.getCause()).isSameAs(failure);
  }

  @Test
  void retryAfterFromTheHeader() {
    AwsServiceException failure = EksException.builder().statusCode(429).requestId("r")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException")
            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(429).putHeader("Retry-After", "7").build())
            .build()).build();
    assertThat(AwsErrors.map("x", failure).retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void noRetryAfterWithoutOrWithAnUnreadableHeader() {
    AwsServiceException dated = EksException.builder().statusCode(429)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling")
            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(429)
                .putHeader("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT").build()).build()).build();
    assertThat(AwsErrors.map("x", dated).retryAfter()).isNull();
    assertThat(AwsErrors.map("x", dated).retryable()).isTrue();
  }

  @Test
  void modelledExceptionsKeepTheirCode() {
    InvalidParameterException failure = (InvalidParameterException) InvalidParameterException.builder()
        .statusCode(400).requestId("r1").awsErrorDetails(AwsErrorDetails.builder()
            .errorCode("InvalidParameterException").errorMessage("bad subnet").build()).build();
    CloudException mapped = AwsErrors.map("create node group", failure);
    assertThat(mapped.code()).isEqualTo("InvalidParameterException");
    assertThat(mapped.retryable()).isFalse();
  }

  @Test
  void noAnswerIsRetryableWithoutRequestId() {
    CloudException timeout = AwsErrors.map("x", ApiCallTimeoutException.create(60_000));
    assertThat(timeout.code()).isEqualTo("RequestTimeout");
    assertThat(timeout.retryable()).isTrue();
    assertThat(timeout.requestId()).isNull();
    CloudException connection = AwsErrors.map("x", SdkClientException.create("Connection refused"));
    assertThat(connection.code()).isEqualTo("ConnectionError");
    assertThat(connection.retryable()).isTrue();
  }

  @Test
  void metricOutcomes() {
    assertThat(CloudRequestMetrics.outcome(EksException.builder().statusCode(429).build())).isEqualTo("throttled");
    assertThat(CloudRequestMetrics.outcome(EksException.builder().statusCode(400).awsErrorDetails(
        AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build())).isEqualTo("throttled");
    assertThat(CloudRequestMetrics.outcome(EksException.builder().statusCode(500).build()))
        .isEqualTo("server_error");
    assertThat(CloudRequestMetrics.outcome(EksException.builder().statusCode(400).build()))
        .isEqualTo("client_error");
    assertThat(CloudRequestMetrics.outcome(SdkClientException.create("boom"))).isEqualTo("error");
  }
}
