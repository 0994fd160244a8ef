package io.frontdesk.model;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The timers of the turn's deadlines and model call timeouts. The worker pool's scheduler keeps a
 * cancelled task queued until its delay elapses: with a timeout re-armed per streamed event, every
 * turn left dozens of dead timers behind for the whole timeout. This one drops a timer when it is
 * cancelled, so what is queued is what can still fire; the expiry itself runs on the worker pool,
 * never on the timer thread.
 */
@ApplicationScoped
public class Timers {

  private final ScheduledThreadPoolExecutor scheduler =
      new ScheduledThreadPoolExecutor(
          1,
          task -> {
            Thread thread = new Thread(task, "frontdesk-timers");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicLong armed = new AtomicLong();

  Timers() {
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Runs {@code expiry} once {@code limit} has passed, unless cancelled first. */
  public Cancellable schedule(Runnable expiry, Duration limit) {
    armed.incrementAndGet();
    ScheduledFuture<?> timer =
        scheduler.schedule(
            () -> Infrastructure.getDefaultWorkerPool().execute(expiry),
            Math.max(0, limit.toNanos()),
            TimeUnit.NANOSECONDS);
    return () -> timer.cancel(false);
  }

  /** How many timers are queued: armed and neither fired nor cancelled. */
  public int pending() {
    return scheduler.getQueue().size();
  }

  /** How many timers were ever armed. */
  public long armed() {
    return armed.get();
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
