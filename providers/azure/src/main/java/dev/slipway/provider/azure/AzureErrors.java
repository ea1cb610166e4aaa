package dev.slipway.provider.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import dev.slipway.provider.CloudException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Turns Azure SDK failures into {@link CloudException}s, always with the ARM error code and the
 * {@code x-ms-request-id}.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>failure</th><th>CloudException</th></tr>
 *   <tr><td>HTTP 429</td><td>retryable, {@code retryAfter} from {@code Retry-After} seconds</td></tr>
 *   <tr><td>HTTP 5xx</td><td>retryable</td></tr>
 *   <tr><td>HTTP 409 with an "operation in progress" code</td><td>retryable (callers that can say "busy" catch it
 *       first with {@link #isBusy})</td></tr>
 *   <tr><td>no answer (timeout, connection failure)</td><td>retryable, code {@code RequestTimeout} or
 *       {@code ConnectionError}</td></tr>
 *   <tr><td>anything else (4xx: validation, authorization, quota)</td><td>permanent</td></tr>
 * </table>
 */
final class AzureErrors {

  /** Codes AKS and ARM answer while another operation holds the resource. */
  static final Set<String> BUSY_CODES = Set.of("OperationNotAllowed", "AnotherOperationInProgress",
      "EtagMismatch", "Conflict");

  private AzureErrors() {
  }

  /**
   * The CloudException for a failed call.
   *
   * @param action what Slipway was doing, e.g. {@code create AKS agent pool rg/cluster/pool}, for the message
   */
  static CloudException map(String action, RuntimeException failure) {
    if (failure instanceof HttpResponseException) {
      HttpResponseException http = (HttpResponseException) failure;
      HttpResponse response = http.getResponse();
      int status = response == null ? 0 : response.getStatusCode();
      String requestId = response == null ? null : response.getHeaderValue("x-ms-request-id");
      String code = code(http);
      String message = action + ": " + detail(http);
      if (status == 429) {
        return new CloudException(code, message, requestId, true, retryAfter(response), failure);
      }
      if (status >= 500 || status == 409 && BUSY_CODES.contains(code)) {
        return new CloudException(code, message, requestId, true, null, failure);
      }
      return new CloudException(code, message, requestId, false, null, failure);
    }
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    if (cause instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")
        || cause.getClass().getSimpleName().contains("Timeout")) {
      return new CloudException("RequestTimeout", action + ": " + cause.getMessage(), null, true, null, failure);
    }
    return new CloudException("ConnectionError", action + ": " + cause, null, true, null, failure);
  }

  /** HTTP status of a failure, or 0 when there was no answer. */
  static int status(RuntimeException failure) {
    if (failure instanceof HttpResponseException && ((HttpResponseException) failure).getResponse() != null) {
      return ((HttpResponseException) failure).getResponse().getStatusCode();
    }
    return 0;
  }

  /** A 404: the resource (or its parent) does not exist. */
  static boolean isNotFound(RuntimeException failure) {
    return status(failure) == 404;
  }

  /** A 409 because another operation holds the cluster (AKS: one agent-pool or cluster operation at a time). */
  static boolean isBusy(RuntimeException failure) {
    return status(failure) == 409 && BUSY_CODES.contains(code((HttpResponseException) failure));
  }

  /** The ARM error code, e.g. {@code OperationNotAllowed}; {@code HTTP <status>} when ARM sent none. */
  static String code(HttpResponseException failure) {
    if (failure instanceof ManagementException) {
      ManagementError error = ((ManagementException) failure).getValue();
      if (error != null && error.getCode() != null && !error.getCode().isBlank()) {
        return error.getCode();
      }
    }
    return "HTTP" + (failure.getResponse() == null ? "" : failure.getResponse().getStatusCode());
  }

  /** Seconds from a {@code Retry-After} header; null when absent or not in seconds. */
  static Duration retryAfter(HttpResponse response) {
    String value = response == null ? null : response.getHeaderValue("Retry-After");
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds > 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      // An HTTP date: the controller's own backoff applies.
      return null;
    }
  }

  private static String detail(HttpResponseException failure) {
    if (failure instanceof ManagementException) {
      ManagementError error = ((ManagementException) failure).getValue();
      if (error != null && error.getMessage() != null) {
        return error.getMessage();
      }
    }
    return String.valueOf(failure.getMessage());
  }
}
