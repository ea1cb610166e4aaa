package dev.slipway.testing.prometheus;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a PromQL expression, enough to find its top-level operators and the metric names it selects. Not a
 * parser: an expression Prometheus rejects may still tokenize; {@code promtool check rules} is the syntax check.
 * Comments ({@code # ...}) are dropped; a range or subquery ({@code [5m]}, {@code [1h:1m]}) is one token.
 */
final class PromQlTokens {

  /** What a token is. */
  enum Kind { IDENTIFIER, NUMBER, STRING, RANGE, OPERATOR, OPEN_PAREN, CLOSE_PAREN, OPEN_BRACE, CLOSE_BRACE, COMMA }

  /**
   * One token: its kind, text, where it starts and ends in the expression, and how deep it sits in parentheses and
   * braces (0 at the top level).
   */
  record Token(Kind kind, String text, int start, int end, int depth) {

    boolean is(Kind expected, String expectedText) {
      return kind == expected && text.equals(expectedText);
    }
  }

  private static final String[] OPERATORS = {"==", "!=", ">=", "<=", "=~", "!~", ">", "<", "=", "+", "-", "*", "/",
      "%", "^", "@", ":"};

  private PromQlTokens() {
  }

  /** {@code expr} without its comments ({@code #} to the end of the line, outside strings). */
  static String withoutComments(String expr) {
    StringBuilder text = new StringBuilder(expr.length());
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = endOfString(expr, i);
        text.append(expr, i, end);
        i = end;
      } else if (c == '#') {
        while (i < expr.length() && expr.charAt(i) != '\n') {
          i++;
        }
      } else {
        text.append(c);
        i++;
      }
    }
    return text.toString();
  }

  /** Tokenizes {@code expr}; fails on an unterminated string or range, or unbalanced brackets. */
  static List<Token> of(String expr) {
    List<Token> tokens = new ArrayList<>();
    int depth = 0;
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < expr.length() && expr.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        i = endOfString(expr, i);
        tokens.add(new Token(Kind.STRING, expr.substring(start, i), start, i, depth));
      } else if (c == '[') {
        int close = expr.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unterminated range at " + i + " in: " + expr);
        }
        i = close + 1;
        tokens.add(new Token(Kind.RANGE, expr.substring(start, i), start, i, depth));
      } else if (c == '(' || c == '{') {
        tokens.add(new Token(c == '(' ? Kind.OPEN_PAREN : Kind.OPEN_BRACE, String.valueOf(c), start, i + 1, depth));
        depth++;
        i++;
      } else if (c == ')' || c == '}') {
        depth--;
        if (depth < 0) {
          throw new IllegalArgumentException("unbalanced '" + c + "' at " + i + " in: " + expr);
        }
        tokens.add(new Token(c == ')' ? Kind.CLOSE_PAREN : Kind.CLOSE_BRACE, String.valueOf(c), start, i + 1, depth));
        i++;
      } else if (c == ',') {
        tokens.add(new Token(Kind.COMMA, ",", start, i + 1, depth));
        i++;
      } else if (Character.isDigit(c) || c == '.' && i + 1 < expr.length() && Character.isDigit(expr.charAt(i + 1))) {
        i = endOfNumber(expr, i);
        tokens.add(new Token(Kind.NUMBER, expr.substring(start, i), start, i, depth));
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        i++;
        while (i < expr.length() && isIdentifierPart(expr.charAt(i))) {
          i++;
        }
        String text = expr.substring(start, i);
        tokens.add(new Token(text.equals(":") ? Kind.OPERATOR : Kind.IDENTIFIER, text, start, i, depth));
      } else {
        String operator = operatorAt(expr, i);
        i += operator.length();
        tokens.add(new Token(Kind.OPERATOR, operator, start, i, depth));
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("unbalanced parentheses or braces in: " + expr);
    }
    return tokens;
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }

  private static int endOfString(String expr, int open) {
    char quote = expr.charAt(open);
    int i = open + 1;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated string at " + open + " in: " + expr);
  }

  /** Numbers, hex numbers, exponents and durations (5m, 1h30m) are one token. */
  private static int endOfNumber(String expr, int start) {
    int i = start;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
        i++;
      } else if ((c == '+' || c == '-') && (expr.charAt(i - 1) == 'e' || expr.charAt(i - 1) == 'E')
          && !expr.substring(start, i).toLowerCase().startsWith("0x")) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static String operatorAt(String expr, int i) {
    for (String operator : OPERATORS) {
      if (expr.startsWith(operator, i)) {
        return operator;
      }
    }
    throw new IllegalArgumentException("unexpected '" + expr.charAt(i) + "' at " + i + " in: " + expr);
  }
}
