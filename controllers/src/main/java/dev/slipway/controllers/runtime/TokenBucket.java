package dev.slipway.controllers.runtime;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket refilled at a rate and holding at most a burst of tokens; rate and burst are passed on every call so
 * live settings apply at once. Callers either reserve (a debt later callers queue behind) or try to take (nothing
 * when none is left).
 */
final class TokenBucket {

  private final LongSupplier nanoTime;
  private boolean started;
  private double tokens;
  private long lastRefill;

  TokenBucket(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Takes a token, returning how long the caller must wait for it to be earned (zero when one was available). */
  synchronized long reserve(double rate, int burst) {
    double perSecond = refill(rate, burst);
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) (-tokens / perSecond * TimeUnit.SECONDS.toNanos(1));
  }

  /** Takes a token if one is there now. */
  synchronized boolean tryTake(double rate, int burst) {
    refill(rate, burst);
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  private double refill(double rate, int burst) {
    double perSecond = Math.max(0.1, rate);
    int capacity = Math.max(1, burst);
    long now = nanoTime.getAsLong();
    // Note: tokens go negative while reserving callers wait for them; only the very first call fills the bucket.
    // (Resetting on any negative value, as the client limit once did, let every request through.)
    if (!started) {
      started = true;
      tokens = capacity;
      lastRefill = now;
    }
    tokens = Math.min(capacity, tokens + (now - lastRefill) / 1e9 * perSecond);
    lastRefill = now;
    return perSecond;
  }
}
