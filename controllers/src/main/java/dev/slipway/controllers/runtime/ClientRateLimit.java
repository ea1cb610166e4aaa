package dev.slipway.controllers.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Client-side rate limit of requests to the management API server: a token bucket refilled at {@code qps} holding
 * at most {@code burst} tokens, read from the live settings on every request so a ConfigMap change applies at once.
 * Like client-go's limiter, a caller over the limit is parked briefly; watches are long-lived and not limited. The
 * time each request waited is recorded as client-go does, in {@code rest_client_rate_limiter_duration_seconds{verb}}:
 * when it grows, this limit, not the API server, sets the pace.
 */
final class ClientRateLimit implements Interceptor {

  private final Supplier<SlipwayProperties.Client> settings;
  private final TokenBucket bucket;
  private final MeterRegistry meters;
  private final Map<String, Timer> waits = new ConcurrentHashMap<>();

  ClientRateLimit(Supplier<SlipwayProperties.Client> settings, MeterRegistry meters) {
    this(settings, System::nanoTime, meters);
  }

  ClientRateLimit(Supplier<SlipwayProperties.Client> settings, LongSupplier nanoTime, MeterRegistry meters) {
    this.settings = settings;
    this.bucket = new TokenBucket(nanoTime);
    this.meters = meters;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (!"true".equals(chain.request().url().queryParameter("watch"))) {
      long waitNanos = reserve();
      waits.computeIfAbsent(chain.request().method(), verb -> Timer.builder("rest.client.rate.limiter.duration")
          .description("Time requests to the management API server waited for the client-side rate limit")
          .tag("verb", verb).register(meters)).record(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
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
