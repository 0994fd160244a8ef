package io.frontdesk.conversation;

import io.frontdesk.http.TooManyRequests;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per customer: {@code burst} messages at once, refilled at {@code per-minute}. A
 * message over the limit is refused with {@link TooManyRequests#rateLimited}; {@link TurnAdmission}
 * takes the token for every channel (429 and Retry-After on REST and SSE, the same code and wait as
 * an error event on the socket). The buckets are this replica's: behind a load balancer each
 * replica allows the rate, so set it per replica.
 */
@ApplicationScoped
public class CustomerRateLimiter {

  private static final int MAX_BUCKETS = 100_000;

  private final RateLimitConfig config;
  private final MeterRegistry registry;
  private final LongSupplier clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Inject
  CustomerRateLimiter(RateLimitConfig config, MeterRegistry registry) {
    this(config, registry, System::nanoTime);
  }

  CustomerRateLimiter(RateLimitConfig config, MeterRegistry registry, LongSupplier nanoClock) {
    this.config = config;
    this.registry = registry;
    this.clock = nanoClock;
    registry.counter("frontdesk.rate.limited");
  }

  /**
   * Takes one message from the customer's allowance.
   *
   * @throws TooManyRequests rate_limited, with the wait until the next message is allowed
   */
  public void acquire(String customerId) {
    if (!config.enabled()) {
      return;
    }
    if (buckets.size() > MAX_BUCKETS) {
      long now = clock.getAsLong();
      buckets.values().removeIf(b -> b.full(now));
    }
    Duration wait = buckets.computeIfAbsent(customerId, id -> new Bucket()).take(clock.getAsLong());
    if (wait != null) {
      registry.counter("frontdesk.rate.limited").increment();
      throw TooManyRequests.rateLimited(wait);
    }
  }

  /** One customer's tokens; refilled lazily when a message comes. */
  private final class Bucket {
    private double tokens = config.burst();
    private long updated = clock.getAsLong();

    private double perNano() {
      return config.perMinute() / 60e9;
    }

    synchronized Duration take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return null;
      }
      return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano()));
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= config.burst();
    }

    private void refill(long now) {
      tokens = Math.min(config.burst(), tokens + (now - updated) * perNano());
      updated = now;
    }
  }
}
