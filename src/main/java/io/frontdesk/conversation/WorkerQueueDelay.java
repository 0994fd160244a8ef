package io.frontdesk.conversation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How long work waits in the worker pool before a thread takes it: the pool every turn needs for
 * its embedding, its tools and its database bridge. A probe goes into the pool every {@link
 * #PERIOD}; the delay is the wait of the last probe that ran, or the age of the one still waiting
 * if that is longer (a pool so full that the probe has not started is at least that late).
 *
 * <p>An in-flight cap alone cannot see overload: with a slow model thousands of turns wait cheaply,
 * with a fast one a few hundred saturate the cores. When the cores are saturated the queue grows,
 * every admitted turn slows down, and turns run into their timeouts and become tickets. {@link
 * TurnAdmission} refuses new turns with busy while this delay is over {@code
 * frontdesk.turns.queue-delay-target} by shrinking its cap, so the admitted ones finish.
 */
@ApplicationScoped
public class WorkerQueueDelay {

  static final Duration PERIOD = Duration.ofMillis(100);
  private static final long IDLE = -1;

  private final AtomicLong lastDelayNanos = new AtomicLong();
  // when the probe still waiting in the pool was submitted, or IDLE
  private final AtomicLong pendingSince = new AtomicLong(IDLE);
  private final LongSupplier clock;

  @Inject
  WorkerQueueDelay(MeterRegistry registry) {
    this(System::nanoTime);
    Gauge.builder("frontdesk.worker.queue.delay", this, p -> p.current().toNanos() / 1e9)
        .description("How long work waits for a worker thread (the turn admission's signal)")
        .baseUnit("seconds")
        .register(registry);
  }

  WorkerQueueDelay(LongSupplier clock) {
    this.clock = clock;
  }

  /** Puts a probe into {@code pool} unless the last one is still waiting there. */
  void probe(Executor pool) {
    long now = clock.getAsLong();
    if (!pendingSince.compareAndSet(IDLE, now)) {
      return;
    }
    try {
      pool.execute(
          () -> {
            lastDelayNanos.set(clock.getAsLong() - now);
            pendingSince.set(IDLE);
          });
    } catch (RejectedExecutionException e) {
      pendingSince.set(IDLE); // the pool is shutting down
    }
  }

  /** The current delay: the last probe's wait, or the waiting probe's age if that is longer. */
  public Duration current() {
    long waiting = pendingSince.get();
    long age = waiting == IDLE ? 0 : clock.getAsLong() - waiting;
    return Duration.ofNanos(Math.max(lastDelayNanos.get(), age));
  }
}
