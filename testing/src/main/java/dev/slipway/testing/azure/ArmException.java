package dev.slipway.testing.azure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the fake refuses, answered in ARM's error shape {@code {"error":{"code","message","target"}}}. Thrown from
 * the rules and the request handlers; carries no stack trace because it is an answer, not a fault of the fake.
 */
final class ArmException extends RuntimeException {

  private final int status;
  private final String code;
  private final String target;
  private final Map<String, String> headers = new LinkedHashMap<>();

  ArmException(int status, String code, String message, String target) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.target = target;
  }

  static ArmException badRequest(String code, String message) {
    return new ArmException(400, code, message, null);
  }

  static ArmException invalidParameter(String target, String message) {
    return new ArmException(400, "InvalidParameter", message, target);
  }

  static ArmException notFound(String code, String message) {
    return new ArmException(404, code, message, null);
  }

  static ArmException conflict(String code, String message) {
    return new ArmException(409, code, message, null);
  }

  ArmException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String target() {
    return target;
  }

  Map<String, String> headers() {
    return headers;
  }
}
