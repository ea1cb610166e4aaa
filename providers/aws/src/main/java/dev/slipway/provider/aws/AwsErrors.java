package dev.slipway.provider.aws;

import dev.slipway.provider.CloudException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Turns AWS SDK failures into {@link CloudException}s, always with the AWS error code and request ID.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>failure</th><th>CloudException</th></tr>
 *   <tr><td>throttling: {@code isThrottlingException()}, HTTP 429, or code {@code Throttling},
 *       {@code ThrottlingException}, {@code TooManyRequestsException}, {@code RequestLimitExceeded}</td>
 *       <td>retryable, {@code retryAfter} from a {@code Retry-After: <seconds>} header when AWS sent one</td></tr>
 *   <tr><td>HTTP 5xx</td><td>retryable</td></tr>
 *   <tr><td>no answer (timeout, connection failure)</td><td>retryable, code {@code RequestTimeout} or
 *       {@code ConnectionError}, no request ID</td></tr>
 *   <tr><td>anything else (4xx: validation, access denied, quota)</td><td>permanent</td></tr>
 * </table>
 *
 * <p>{@code ResourceInUseException} and {@code ResourceNotFoundException} never get here where they have a meaning
 * (an operation in progress: {@code RETRY_LATER}; absent: {@code ABSENT}/{@code DONE}): the services catch them
 * first. Elsewhere they are 4xx and therefore permanent.
 */
final class AwsErrors {

  static final Set<String> THROTTLING_CODES = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
      "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown");

  private AwsErrors() {
  }

  /**
   * The CloudException for a failed call.
   *
   * @param action what Slipway was doing, e.g. {@code create EKS node group team-a/blue-ng}, for the message
   */
  static CloudException map(String action, SdkException failure) {
    if (failure instanceof SdkServiceException) {
      SdkServiceException service = (SdkServiceException) failure;
      String code = code(service);
      String requestId = service.requestId();
      String message = action + ": " + detail(service);
      if (isThrottling(service, code)) {
        return new CloudException(code, message, requestId, true, retryAfter(service).orElse(null), failure);
      }
      if (service.statusCode() >= 500) {
        return new CloudException(code, message, requestId, true, null, failure);
      }
      return new CloudException(code, message, requestId, false, null, failure);
    }
    if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
      return new CloudException("RequestTimeout", action + ": " + failure.getMessage(), null, true, null, failure);
    }
    if (failure instanceof SdkClientException) {
      return new CloudException("ConnectionError", action + ": " + failure.getMessage(), null, true, null, failure);
    }
    return new CloudException("SdkError", action + ": " + failure.getMessage(), null, true, null, failure);
  }

  /** The AWS error code, e.g. {@code InvalidParameterException}; the exception's class name when AWS sent none. */
  static String code(SdkServiceException failure) {
    if (failure instanceof AwsServiceException) {
      AwsErrorDetails details = ((AwsServiceException) failure).awsErrorDetails();
      if (details != null && details.errorCode() != null && !details.errorCode().isBlank()) {
        return details.errorCode();
      }
    }
    return failure.getClass().getSimpleName();
  }

  static boolean isThrottling(SdkServiceException failure, String code) {
    return failure.isThrottlingException() || failure.statusCode() == 429 || THROTTLING_CODES.contains(code);
  }

  /** Seconds from a {@code Retry-After} header (an HTTP date is ignored: the controller's backoff applies). */
  static Optional<Duration> retryAfter(SdkServiceException failure) {
    if (!(failure instanceof AwsServiceException)) {
      return Optional.empty();
    }
    AwsErrorDetails details = ((AwsServiceException) failure).awsErrorDetails();
    SdkHttpResponse response = details == null ? null : details.sdkHttpResponse();
    if (response == null) {
      return Optional.empty();
    }
    return response.firstMatchingHeader("Retry-After").flatMap(value -> {
      try {
        long seconds = Long.parseLong(value.trim());
        return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private static String detail(SdkServiceException failure) {
    if (failure instanceof AwsServiceException) {
      AwsErrorDetails details = ((AwsServiceException) failure).awsErrorDetails();
      if (details != null && details.errorMessage() != null) {
        return details.errorMessage();
      }
    }
    return String.valueOf(failure.getMessage());
  }
}
