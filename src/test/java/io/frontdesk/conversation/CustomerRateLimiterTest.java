package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontdesk.http.TooManyRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CustomerRateLimiterTest {

  private final AtomicLong now = new AtomicLong();

  private CustomerRateLimiter limiter(int perMinute, int burst) {
    RateLimitConfig config =
        new RateLimitConfig() {
          @Override
          public boolean enabled() {
            return true;
          }

          @Override
          public int perMinute() {
            return perMinute;
          }

          @Override
          public int burst() {
            return burst;
          }
        };
    return new CustomerRateLimiter(config, new SimpleMeterRegistry(), now::get);
  }

  @Test
  void theBurstPassesThenTheNextWaitsForItsToken() {
    CustomerRateLimiter limiter = limiter(6, 3);
    for (int i = 0; i < 3; i++) {
      assertDoesNotThrow(() -> limiter.acquire("a"));
    }
    TooManyRequests refused = assertThrows(TooManyRequests.class, () -> limiter.acquire("a"));
    assertEquals("rate_limited", refused.code());
    assertEquals(10, refused.retryAfterSeconds(), "6 a minute: one every 10 s");
    assertDoesNotThrow(() -> limiter.acquire("b"), "each customer has their own bucket");

    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertDoesNotThrow(() -> limiter.acquire("a"));
    assertThrows(TooManyRequests.class, () -> limiter.acquire("a"));
  }
}
