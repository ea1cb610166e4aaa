package dev.slipway.controllers.runtime;

import java.io.IOException;
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
  private final TokenBucket bucket;

  ClientRateLimit(Supplier<SlipwayProperties.Client> settings) {
    this(settings, System::nanoTime);
  }

  ClientRateLimit(Supplier<SlipwayProperties.Client> settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.bucket = new TokenBucket(nanoTime);
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
  long reserve() {
    SlipwayProperties.Client limits = settings.get();
    return bucket.reserve(limits.qps(), limits.burst());
  }
}
