package dev.slipway.testing.azure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the handlers see it: the method, the decoded path and its segments, the decoded query, the headers
 * (names lower-cased, first value) and the body.
 */
record ArmRequest(String method, String path, List<String> segments, Map<String, String> query,
    Map<String, String> headers, String body) {

  static ArmRequest of(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
      String body) {
    List<String> segments = new ArrayList<>();
    for (String segment : rawPath.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(decode(segment));
      }
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        query.putIfAbsent(name.toLowerCase(Locale.ROOT), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    Map<String, String> lowerHeaders = new LinkedHashMap<>();
    headers.forEach((name, values) -> {
      if (name != null && !values.isEmpty()) {
        lowerHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0));
      }
    });
    return new ArmRequest(method.toUpperCase(Locale.ROOT), "/" + String.join("/", segments), List.copyOf(segments),
        query, lowerHeaders, body);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** A query parameter by its case-insensitive name, as ARM reads them. */
  String query(String name) {
    return query.get(name.toLowerCase(Locale.ROOT));
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  String apiVersion() {
    return query("api-version");
  }

  /** The body as a JSON object; ARM answers anything else with 400 InvalidRequestContent. */
  JsonObject json() {
    if (body == null || body.isBlank()) {
      throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid and could not be"
          + " deserialized: the body is empty.");
    }
    try {
      JsonElement element = JsonParser.parseString(body);
      if (!element.isJsonObject()) {
        throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid and could not be"
            + " deserialized: a JSON object is expected.");
      }
      return element.getAsJsonObject();
    } catch (JsonParseException e) {
      throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid and could not be"
          + " deserialized: " + e.getMessage());
    }
  }

  /** Whether the segments match the pattern: literals case-insensitively, {@code *} any one segment. */
  boolean matches(String... pattern) {
    if (segments.size() != pattern.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (!pattern[i].equals("*") && !pattern[i].equalsIgnoreCase(segments.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Like {@link #matches} for the first {@code pattern.length} segments. */
  boolean startsWith(String... pattern) {
    if (segments.size() < pattern.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (!pattern[i].equals("*") && !pattern[i].equalsIgnoreCase(segments.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** ARM's answer to a method a resource does not support. */
  ArmException methodNotAllowed() {
    return new ArmException(405, "MethodNotAllowed", "The requested resource does not support http method '"
        + method + "'.", null);
  }

  String segment(int index) {
    return segments.get(index);
  }
}
