package io.frontdesk.conversation;

import io.frontdesk.http.TooManyRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-instance cap on customer turns in flight: past it a new turn is refused at once with
 * "busy, retry in N s" (429 + Retry-After on REST and SSE, before anything is stored), instead of
 * queueing until it times out into a ticket. System notes (an approval's outcome) are never
 * refused.
 */
@ApplicationScoped
public class TurnAdmission {

  /** Back-pressure for customer turns ({@code frontdesk.turns}). */
  @ConfigMapping(prefix = "frontdesk.turns")
  public interface Config {
    /** Customer turns one instance runs at once; the next one gets 429 busy. */
    @WithDefault("2000")
    int maxInFlight();

    /** The wait a busy answer asks for (Retry-After). */
    @WithDefault("2s")
    Duration busyRetryAfter();
  }

  private static final Runnable NOTHING = () -> {};

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter refused;
  private final Config config;
  private volatile int limit;

  TurnAdmission(Config config, MeterRegistry registry) {
    this.config = config;
    this.limit = config.maxInFlight();
    Gauge.builder("frontdesk.turns.in.flight", inFlight, AtomicInteger::get)
        .description("Customer turns running on this instance")
        .register(registry);
    refused =
        Counter.builder("frontdesk.turns.refused")
            .description("Customer turns refused with 429 busy (in-flight cap reached)")
            .register(registry);
  }

  /**
   * Takes a place for this turn or refuses it with {@link TooManyRequests#busy}; the returned
   * release gives the place back (once, however often it runs).
   */
  Runnable admit(TurnRequest request) {
    if (request.system()) {
      return NOTHING;
    }
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      refused.increment();
      throw TooManyRequests.busy(config.busyRetryAfter());
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
      }
    };
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Changes the cap until the returned handle closes (tests fill a small cap). */
  AutoCloseable limitTo(int max) {
    int previous = limit;
    limit = max;
    return () -> limit = previous;
  }
}
