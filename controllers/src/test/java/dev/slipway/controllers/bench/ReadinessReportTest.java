package dev.slipway.controllers.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReadinessReportTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void quantilesAreNearestRank() {
    List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertThat(ReadinessReport.quantile(values, 0.5)).isEqualTo(5.0);
    assertThat(ReadinessReport.quantile(values, 0.9)).isEqualTo(9.0);
    assertThat(ReadinessReport.quantile(values, 1.0)).isEqualTo(10.0);
    assertThat(ReadinessReport.quantile(List.of(), 0.5)).isNaN();
  }

  @Test
  void eachCountIsTimedWhenFirstReportedAndReportsBeforeTheRequestAreIgnored() {
    TreeMap<Instant, Integer> timeline = new TreeMap<>();
    timeline.put(T0.minusSeconds(5), 1);
    timeline.put(T0.plusMillis(1500), 1);
    timeline.put(T0.plusSeconds(2), 3);
    timeline.put(T0.plusSeconds(3), 2);
    timeline.put(T0.plusSeconds(4), 4);

    assertThat(ReadinessReport.reportedTimes(timeline, T0, 1, 4))
        .as("a jump of two counts times both; a dip is not a new report; count 5 was never reached")
        .containsExactly(2.0, 2.0, 4.0);
  }

  @Test
  void bucketQuantileInterpolatesWithinTheBucketLikePromQl() {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    buckets.put(5.0, 0.0);
    buckets.put(10.0, 50.0);
    buckets.put(20.0, 100.0);
    buckets.put(Double.POSITIVE_INFINITY, 100.0);
    assertThat(ReadinessReport.bucketQuantile(buckets, 0.5)).isCloseTo(10.0, within(1e-9));
    assertThat(ReadinessReport.bucketQuantile(buckets, 0.9)).isCloseTo(18.0, within(1e-9));
    assertThat(ReadinessReport.bucketQuantile(buckets, 0.25)).isCloseTo(7.5, within(1e-9));
  }

  @Test
  void slipwaysAdditionIsReportedMinusDrawnAtTheSameQuantile() {
    ReadinessReport report = new ReadinessReport(4, 0.01, List.of(1.0, 2.0, 3.0, 4.0), List.of(1.1, 2.1, 3.1, 4.1),
        List.of(1.3, 2.5, 3.2, 4.9), new ReadinessReport.Histogram(4, 2, 4));
    assertThat(report.added(0.5)).isCloseTo(0.5, within(1e-9));
    assertThat(report.added(0.9)).isCloseTo(0.9, within(1e-9));
    assertThat(report.table()).contains("added by Slipway").contains("4 nodes added");
  }
}
