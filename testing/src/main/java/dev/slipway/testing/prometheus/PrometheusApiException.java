package dev.slipway.testing.prometheus;

/**
 * Prometheus' HTTP API answered with an error: a query that does not parse ({@code bad_data}), fails while evaluating
 * ({@code execution}), times out, or a non-JSON answer.
 */
public class PrometheusApiException extends RuntimeException {

  private final String errorType;
  private final String error;

  public PrometheusApiException(String request, int httpStatus, String errorType, String error) {
    super(request + " answered HTTP " + httpStatus + " " + errorType + ": " + error);
    this.errorType = errorType;
    this.error = error;
  }

  /** Prometheus' {@code errorType}, e.g. {@code bad_data}, {@code execution}, {@code timeout}. */
  public String errorType() {
    return errorType;
  }

  /** Prometheus' own message, e.g. {@code invalid parameter "query": 1:5: parse error: unclosed left parenthesis}. */
  public String error() {
    return error;
  }
}
