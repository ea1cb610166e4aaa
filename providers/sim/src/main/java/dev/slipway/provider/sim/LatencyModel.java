package dev.slipway.provider.sim;

import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long each simulated cloud operation takes. Times are drawn once, when an operation starts, and stored in the
 * cloud's state, so a restarted controller sees the same schedule.
 *
 * <p>A pool's machine {@code i} created at {@code t0} has its VM at {@code t0 + vmProvision} and its Node registers
 * at {@code t0 + nodeReady} (never before its VM). Scaling up staggers added machines by {@code scalePerNode} each;
 * scaling down removes the highest ordinals, one {@code scalePerNode} apart.
 *
 * @param controlPlaneCreate control plane create until READY
 * @param controlPlaneUpgrade control plane upgrade until done
 * @param controlPlaneDelete control plane delete until ABSENT (its pools go with it)
 * @param vmProvision pool create or scale-up: until a machine's VM exists (it is listed in {@code machines})
 * @param nodeReady pool create or scale-up: until a machine's Node registers
 * @param scalePerNode scale up/down: stagger between machines added or removed
 * @param poolUpdate in-place change of labels, taints, mode or autoscaler bounds
 * @param poolDelete pool delete until ABSENT
 */
public record LatencyModel(Range controlPlaneCreate, Range controlPlaneUpgrade, Range controlPlaneDelete,
    Range vmProvision, Range nodeReady, Range scalePerNode, Range poolUpdate, Range poolDelete) {

  public LatencyModel {
    Objects.requireNonNull(controlPlaneCreate, "controlPlaneCreate");
    Objects.requireNonNull(controlPlaneUpgrade, "controlPlaneUpgrade");
    Objects.requireNonNull(controlPlaneDelete, "controlPlaneDelete");
    Objects.requireNonNull(vmProvision, "vmProvision");
    Objects.requireNonNull(nodeReady, "nodeReady");
    Objects.requireNonNull(scalePerNode, "scalePerNode");
    Objects.requireNonNull(poolUpdate, "poolUpdate");
    Objects.requireNonNull(poolDelete, "poolDelete");
  }

  /** No delays at all: every operation is complete when the call that started it returns. For benchmarks. */
  public static LatencyModel instant() {
    Range zero = Range.fixed(Duration.ZERO);
    return new LatencyModel(zero, zero, zero, zero, zero, zero, zero, zero);
  }

  /** Seconds: for tests and local runs. */
  public static LatencyModel fast() {
    return new LatencyModel(
        Range.fixed(Duration.ofSeconds(3)),
        Range.fixed(Duration.ofSeconds(5)),
        Range.fixed(Duration.ofSeconds(2)),
        Range.of(Duration.ofSeconds(1), Duration.ofSeconds(2)),
        Range.of(Duration.ofSeconds(2), Duration.ofSeconds(5)),
        Range.fixed(Duration.ofMillis(500)),
        Range.fixed(Duration.ofSeconds(1)),
        Range.fixed(Duration.ofSeconds(2)));
  }

  /** Minutes, in the ranges AKS and EKS show: a control plane in 8-12 minutes, a node in 90-240 seconds. */
  public static LatencyModel realistic() {
    return new LatencyModel(
        Range.of(Duration.ofMinutes(8), Duration.ofMinutes(12)),
        Range.of(Duration.ofMinutes(10), Duration.ofMinutes(20)),
        Range.of(Duration.ofMinutes(5), Duration.ofMinutes(10)),
        Range.of(Duration.ofSeconds(45), Duration.ofSeconds(90)),
        Range.of(Duration.ofSeconds(90), Duration.ofSeconds(240)),
        Range.of(Duration.ofSeconds(5), Duration.ofSeconds(15)),
        Range.of(Duration.ofSeconds(30), Duration.ofSeconds(90)),
        Range.of(Duration.ofMinutes(3), Duration.ofMinutes(6)));
  }

  /** The preset of a profile. */
  public static LatencyModel preset(LatencyProfile profile) {
    switch (profile) {
      case Instant:
        return instant();
      case Realistic:
        return realistic();
      case Fast:
      default:
        return fast();
    }
  }

  /** This model with the ranges that {@code overrides} sets replaced. */
  public LatencyModel with(Overrides overrides) {
    if (overrides == null) {
      return this;
    }
    return new LatencyModel(
        pick(overrides.controlPlaneCreate(), controlPlaneCreate),
        pick(overrides.controlPlaneUpgrade(), controlPlaneUpgrade),
        pick(overrides.controlPlaneDelete(), controlPlaneDelete),
        pick(overrides.vmProvision(), vmProvision),
        pick(overrides.nodeReady(), nodeReady),
        pick(overrides.scalePerNode(), scalePerNode),
        pick(overrides.poolUpdate(), poolUpdate),
        pick(overrides.poolDelete(), poolDelete));
  }

  private static Range pick(Range override, Range preset) {
    return override == null ? preset : override;
  }

  /**
   * A uniform distribution of durations.
   *
   * @param min shortest (inclusive)
   * @param max longest (inclusive); equal to {@code min} for a fixed delay
   */
  public record Range(Duration min, Duration max) {

    public Range {
      Objects.requireNonNull(min, "min");
      max = max == null ? min : max;
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("latency range must satisfy 0 <= min <= max, got " + min + ".." + max);
      }
    }

    public static Range fixed(Duration value) {
      return new Range(value, value);
    }

    public static Range of(Duration min, Duration max) {
      return new Range(min, max);
    }

    /** One draw, at millisecond resolution. */
    public Duration sample(RandomGenerator random) {
      long low = min.toMillis();
      long high = max.toMillis();
      return Duration.ofMillis(low == high ? low : random.nextLong(low, high + 1));
    }

    /** {@code from} plus one draw. */
    public Instant after(Instant from, RandomGenerator random) {
      return from.plus(sample(random));
    }
  }

  /** Ranges to use instead of a preset's; null fields keep the preset. Bound from configuration. */
  public record Overrides(Range controlPlaneCreate, Range controlPlaneUpgrade, Range controlPlaneDelete,
      Range vmProvision, Range nodeReady, Range scalePerNode, Range poolUpdate, Range poolDelete) {
  }
}
