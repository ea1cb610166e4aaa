package dev.slipway.controllers.runtime;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Client-side rate limit of requests to the management API server: a token bucket refilled at {@code qps} holding
 * at most {@code burst} tokens, read from the live settings on every request so a ConfigMap change applies at once.
 * Like client-go's limiter, a caller over the limit is parked briefly; watches are long-lived and not limited.
 */
final class ClientRateLimit implements Interceptor {

  private final Supplier<SlipwayProperties.Client> settings;
  private final LongSupplier nanoTime;
  private boolean started;
  private double tokens;
  private long lastRefill;

  ClientRateLimit(Supplier<SlipwayProperties.Client> settings) {
    this(settings, System::nanoTime);
  }

  ClientRateLimit(Supplier<SlipwayProperties.Client> settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (!"true".equals(chain.request().url().queryParameter("watch"))) {
      long waitNanos = reserve();
      while (waitNanos > 0) {
        long until = System.nanoTime() + waitNanos;
        LockSupport.parkNanos(waitNanos);
        waitNanos = until - System.nanoTime();
      }
    }
    return chain.proceed(chain.request());
  }

  /** Takes a token, returning how long the caller must wait for it to be earned (zero when one was available). */
  synchronized long reserve() {
    SlipwayProperties.Client limits = settings.get();
    double qps = Math.max(0.1, limits.qps());
    int burst = Math.max(1, limits.burst());
    long now = nanoTime.getAsLong();
    // Note: tokens go negative while callers wait for them (a debt later callers queue behind); only the very first
    // call fills the bucket. (Resetting on any negative value, as this once did, let every request through.)
    if (!started) {
      started = true;
      tokens = burst;
      lastRefill = now;
    }
    tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * qps);
    lastRefill = now;
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) (-tokens / qps * TimeUnit.SECONDS.toNanos(1));
  }
}
