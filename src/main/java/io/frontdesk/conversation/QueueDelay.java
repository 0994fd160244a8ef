package io.frontdesk.conversation;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How long work waits in a queue before a thread takes it: a probe goes into the executor every
 * {@link #PERIOD}; the delay is the wait of the last probe that ran, or the age of the one still
 * waiting if that is longer (a queue so full that the probe has not started is at least that late).
 * {@link WorkerQueueDelay} probes the worker pool, {@link EventLoopDelay} the event loops.
 */
class QueueDelay {

  static final Duration PERIOD = Duration.ofMillis(100);
  private static final long IDLE = -1;

  private final AtomicLong lastDelayNanos = new AtomicLong();
  // when the probe still waiting in the executor was submitted, or IDLE
  private final AtomicLong pendingSince = new AtomicLong(IDLE);
  private final LongSupplier clock;

  QueueDelay(LongSupplier clock) {
    this.clock = clock;
  }

  /** Puts a probe into {@code executor} unless the last one is still waiting there. */
  void probe(Executor executor) {
    long now = clock.getAsLong();
    if (!pendingSince.compareAndSet(IDLE, now)) {
      return;
    }
    try {
      executor.execute(
          () -> {
            lastDelayNanos.set(clock.getAsLong() - now);
            pendingSince.set(IDLE);
          });
    } catch (RejectedExecutionException e) {
      pendingSince.set(IDLE); // the executor is shutting down
    }
  }

  /** The current delay: the last probe's wait, or the waiting probe's age if that is longer. */
  public Duration current() {
    long waiting = pendingSince.get();
    long age = waiting == IDLE ? 0 : clock.getAsLong() - waiting;
    return Duration.ofNanos(Math.max(lastDelayNanos.get(), age));
  }
}
