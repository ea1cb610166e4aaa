package dev.slipway.provider.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Where the simulated cloud's randomness comes from. Each operation asks for a generator by a scope naming what it
 * is about (cluster key, pool, operation number), so a run with the same seed draws the same latencies whatever
 * order clusters are reconciled in.
 */
@FunctionalInterface
public interface SimRandomness {

  /** A fresh generator for {@code scope}; callers use it on one thread and drop it. */
  RandomGenerator generator(String scope);

  /** Generators seeded from {@code seed} mixed with the scope, so runs are reproducible. */
  public static SimRandomness seeded(long seed) {
    return scope -> new SplittableRandom(seed ^ fnv1a64(scope));
  }

  /** FNV-1a: a stable 64-bit hash (String.hashCode has only 32 bits). */
  private static long fnv1a64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
