package dev.slipway.controllers.nodepool;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the Go-style durations of the API (e.g. {@code 15m}, {@code 1h30m}); the CRD has validated the form. */
final class DurationFormat {

  private static final Pattern PART = Pattern.compile("([0-9]+)(h|m|s)");

  private DurationFormat() {
  }

  static Duration parse(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    Matcher matcher = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        throw new IllegalArgumentException("not a duration: " + text);
      }
      long amount = Long.parseLong(matcher.group(1));
      total = total.plus(switch (matcher.group(2)) {
        case "h" -> Duration.ofHours(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofSeconds(amount);
      });
      end = matcher.end();
    }
    if (end != text.length()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    return total;
  }
}
