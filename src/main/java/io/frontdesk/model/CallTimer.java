package io.frontdesk.model;

import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Schedules the model call timeouts and reads their clock (a test can bring them forward). */
@Singleton
public class CallTimer {

  private final Timers timers;

  CallTimer(Timers timers) {
    this.timers = timers;
  }

  /** Runs {@code expiry} once {@code limit} has passed, unless cancelled first. */
  protected Cancellable schedule(Runnable expiry, Duration limit) {
    return timers.schedule(expiry, limit);
  }

  /** The clock the timeouts measure silence with, in nanoseconds. */
  protected long now() {
    return System.nanoTime();
  }
}
