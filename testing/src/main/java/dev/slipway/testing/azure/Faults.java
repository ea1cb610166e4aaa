package dev.slipway.testing.azure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Faults a test asked for: throttling, failed requests and operations that are accepted and then fail. Each rule is
 * used up by the requests it matches, first rule first. Guarded by the fake's state lock.
 */
final class Faults {

  /** An injected operation failure, waiting for the next accepted operation whose path contains the substring. */
  record OperationFailure(String pathSubstring, String code, String message) {
  }

  private static final class RequestFailure {
    private int remaining;
    private final int status;
    private final String code;
    private final String method;
    private final String pathSubstring;
    private final Duration retryAfter;

    private RequestFailure(int remaining, int status, String code, String method, String pathSubstring,
        Duration retryAfter) {
      this.remaining = remaining;
      this.status = status;
      this.code = code;
      this.method = method;
      this.pathSubstring = pathSubstring;
      this.retryAfter = retryAfter;
    }

    private boolean matches(ArmRequest request) {
      return (method == null || method.equalsIgnoreCase(request.method()))
          && (pathSubstring == null || contains(request.path(), pathSubstring));
    }
  }

  private final List<RequestFailure> requestFailures = new ArrayList<>();
  private final List<OperationFailure> operationFailures = new ArrayList<>();

  void throttle(int times, Duration retryAfter) {
    requestFailures.add(new RequestFailure(times, 429, "TooManyRequests", null, null, retryAfter));
  }

  void fail(int times, int status, String code, String method, String pathSubstring) {
    requestFailures.add(new RequestFailure(times, status, code, method, pathSubstring, null));
  }

  void failOperation(String pathSubstring, String code, String message) {
    operationFailures.add(new OperationFailure(pathSubstring, code, message));
  }

  /** The injected answer for this request, or null to serve it. Uses the first matching rule up by one. */
  ArmException answerFor(ArmRequest request) {
    Iterator<RequestFailure> rules = requestFailures.iterator();
    while (rules.hasNext()) {
      RequestFailure rule = rules.next();
      if (!rule.matches(request)) {
        continue;
      }
      if (--rule.remaining <= 0) {
        rules.remove();
      }
      if (rule.status == 429 && rule.retryAfter != null) {
        long seconds = Math.max(0, (rule.retryAfter.toMillis() + 999) / 1000);
        return new ArmException(429, rule.code, "The request is being throttled as the limit has been reached for"
            + " operation type - " + (request.method().equals("GET") ? "Read" : "Write")
            + "_ObservationWindow_00:05:00. Please retry after " + seconds + " seconds.", null)
            .withHeader("Retry-After", Long.toString(seconds));
      }
      return new ArmException(rule.status, rule.code, "Injected failure " + rule.code + " for " + request.method()
          + " " + request.path() + ".", null);
    }
    return null;
  }

  /** The injected failure for an operation accepted on {@code path}, used up; null when none matches. */
  OperationFailure takeOperationFailure(String path) {
    Iterator<OperationFailure> failures = operationFailures.iterator();
    while (failures.hasNext()) {
      OperationFailure failure = failures.next();
      if (failure.pathSubstring() == null || contains(path, failure.pathSubstring())) {
        failures.remove();
        return failure;
      }
    }
    return null;
  }

  private static boolean contains(String text, String part) {
    return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }
}
