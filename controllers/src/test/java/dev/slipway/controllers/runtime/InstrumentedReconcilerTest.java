package dev.slipway.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.extended.controller.reconciler.Request;
import io.kubernetes.client.extended.controller.reconciler.Result;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InstrumentedReconcilerTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void countsResultsAsControllerRuntimeDoes() {
    Deque<Supplier<Result>> outcomes = new ArrayDeque<>();
    outcomes.add(() -> new Result(false));
    outcomes.add(() -> new Result(true));
    outcomes.add(() -> new Result(true, Duration.ofSeconds(5)));
    outcomes.add(() -> {
      throw new IllegalStateException("boom");
    });
    outcomes.add(() -> {
      throw new WriteFailedException("update", 409);
    });
    InstrumentedReconciler reconciler = new InstrumentedReconciler("cluster", request -> outcomes.poll().get(),
        meters);

    for (int i = 0; i < 5; i++) {
      reconciler.reconcile(new Request("team", "a"));
    }

    assertThat(count("success")).isEqualTo(1);
    assertThat(count("requeue")).as("a plain requeue and a write conflict").isEqualTo(2);
    assertThat(count("requeue_after")).isEqualTo(1);
    assertThat(count("error")).isEqualTo(1);
    assertThat(meters.get("controller.runtime.reconcile.errors").counter().count()).isEqualTo(1);
    assertThat(meters.get("controller.runtime.reconcile.time").timer().count()).isEqualTo(5);
    assertThat(meters.get("controller.runtime.active.workers").gauge().value()).isZero();
  }

  private double count(String result) {
    return meters.get("controller.runtime.reconcile").tag("controller", "cluster").tag("result", result).counter()
        .count();
  }
}
