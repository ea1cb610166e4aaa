package dev.slipway.testing.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertSignalTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "slipway:x:max > 7200                                  | slipway:x:max",
      "a >= 0.1                                              | a",
      "a <= -1                                               | a",
      "a != +2                                               | a",
      "a == bool 0                                           | a",
      "a < 1e-3                                              | a",
      "a > 0x1F                                              | a",
      "a > Inf                                               | a",
      "(a > 5)                                               | a",
      "((sum(rate(b[5m])) / sum(rate(c[5m])))) > 0.5         | sum(rate(b[5m])) / sum(rate(c[5m]))",
      "max by (p) (a{l=~\"x>1\", m!=\"2\"}) > 3               | max by (p) (a{l=~\"x>1\", m!=\"2\"})",
      "sum(up{job=\"j\"}) < 1 # no target                     | sum(up{job=\"j\"})",
      "absent(up{job=\"j\"} == 1)                              | up{job=\"j\"} == 1",
      "absent(a)                                             | a",
      "absent_over_time(a{x=\"y\"}[10m])                       | a{x=\"y\"}",
      "(a > 5) > 1                                           | a > 5",
  })
  void theSignalIsTheExpressionBeforeTheLastTopLevelComparisonWithANumber(String expr, String signal) {
    assertThat(AlertSignal.of(expr.strip())).isEqualTo(signal.strip());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "a > b",
      "a > 5 and b",
      "a > 5 unless on (x) b > 1 and c",
      "rate(a[5m])",
      "absent(a) or b",
      "a{x=\"1\"} > 5m",
  })
  void anExpressionOfAnotherShapeIsRejected(String expr) {
    assertThatThrownBy(() -> AlertSignal.of(expr)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expr);
  }
}
