package dev.slipway.testing.prometheus;

import dev.slipway.testing.prometheus.PromQlTokens.Kind;
import dev.slipway.testing.prometheus.PromQlTokens.Token;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The signal of an alert: the part of its expression that must return data whenever the metrics it watches exist.
 *
 * <p>Slipway's alert rules follow one convention (charts/slipway/rules/slipway-rules.yaml): an alert's expr is
 * either {@code <signal> <op> <number>}, a comparison against a number at the top level of the expression, or
 * {@code absent(<signal>)}. The comparison filters the signal down to the firing series, and {@code absent} returns
 * data only when its argument has none, so neither says whether the metrics exist; the signal does.
 */
public final class AlertSignal {

  private static final Set<String> COMPARISONS = Set.of("==", "!=", ">", "<", ">=", "<=");
  private static final Set<String> ABSENT = Set.of("absent", "absent_over_time");
  private static final Pattern NUMBER = Pattern.compile(
      "(?i)0x[0-9a-f]+|(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:e[-+]?[0-9]+)?|inf|nan");

  private AlertSignal() {
  }

  /**
   * The signal of {@code expr}: for {@code <signal> <op> <number>} (an optional {@code bool} and a signed number
   * after the last top-level comparison) the signal; for {@code absent(<signal>)} or
   * {@code absent_over_time(<signal>[range])} the signal without its range.
   *
   * @throws IllegalArgumentException when {@code expr} has neither shape
   */
  public static String of(String expr) {
    String trimmed = unwrapParentheses(PromQlTokens.withoutComments(expr).strip());
    List<Token> tokens = PromQlTokens.of(trimmed);
    int comparison = lastTopLevelComparison(tokens);
    if (comparison >= 0 && isNumber(tokens.subList(comparison + 1, tokens.size()))) {
      String signal = unwrapParentheses(trimmed.substring(0, tokens.get(comparison).start()).strip());
      return absentArgument(signal) != null ? absentArgument(signal) : signal;
    }
    String absent = absentArgument(trimmed);
    if (absent != null) {
      return absent;
    }
    throw new IllegalArgumentException("an alert's expr must be `<signal> <op> <number>` or `absent(<signal>)` so "
        + "that its signal can be evaluated on its own; got: " + expr);
  }

  private static int lastTopLevelComparison(List<Token> tokens) {
    for (int i = tokens.size() - 1; i >= 0; i--) {
      Token token = tokens.get(i);
      if (token.depth() == 0 && token.kind() == Kind.OPERATOR && COMPARISONS.contains(token.text())) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the tokens are {@code [bool] [+|-] number}. */
  private static boolean isNumber(List<Token> tokens) {
    int i = 0;
    if (i < tokens.size() && tokens.get(i).is(Kind.IDENTIFIER, "bool")) {
      i++;
    }
    if (i < tokens.size() && tokens.get(i).kind() == Kind.OPERATOR
        && (tokens.get(i).text().equals("-") || tokens.get(i).text().equals("+"))) {
      i++;
    }
    return i == tokens.size() - 1 && (tokens.get(i).kind() == Kind.NUMBER || tokens.get(i).kind() == Kind.IDENTIFIER)
        && NUMBER.matcher(tokens.get(i).text()).matches();
  }

  /** The argument of {@code absent(x)} or {@code absent_over_time(x[range])} spanning all of expr, else null. */
  private static String absentArgument(String expr) {
    List<Token> tokens = PromQlTokens.of(expr);
    if (tokens.size() < 4 || tokens.get(0).kind() != Kind.IDENTIFIER || !ABSENT.contains(tokens.get(0).text())
        || tokens.get(1).kind() != Kind.OPEN_PAREN || closingParenthesis(tokens, 1) != tokens.size() - 1) {
      return null;
    }
    Token last = tokens.get(tokens.size() - 2);
    int end = last.kind() == Kind.RANGE && tokens.get(0).text().equals("absent_over_time") ? last.start()
        : last.end();
    return unwrapParentheses(expr.substring(tokens.get(2).start(), end).strip());
  }

  /** The index of the token closing the parenthesis at {@code open}. */
  private static int closingParenthesis(List<Token> tokens, int open) {
    int depth = tokens.get(open).depth();
    for (int i = open + 1; i < tokens.size(); i++) {
      if (tokens.get(i).kind() == Kind.CLOSE_PAREN && tokens.get(i).depth() == depth) {
        return i;
      }
    }
    return -1;
  }

  /** {@code (x)} to {@code x}, repeatedly, when the outer parentheses enclose all of expr. */
  static String unwrapParentheses(String expr) {
    String current = expr;
    while (current.startsWith("(")) {
      List<Token> tokens = PromQlTokens.of(current);
      if (closingParenthesis(tokens, 0) != tokens.size() - 1) {
        return current;
      }
      current = current.substring(1, current.length() - 1).strip();
    }
    return current;
  }
}
