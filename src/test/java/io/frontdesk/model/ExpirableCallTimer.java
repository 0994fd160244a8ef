package io.frontdesk.model;

import io.frontdesk.testing.Expirable;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real model call timeout, which a test can also bring forward: {@link #expireAll()} ends every
 * pending call timeout at once, as if the model had stayed silent that long, so a hanging endpoint
 * is tested without a reply racing a short timer.
 */
@Alternative
@Priority(1)
@Singleton
public class ExpirableCallTimer extends CallTimer {

  private static final Expirable PENDING = new Expirable();

  /** How far {@link #expireAll()} has moved the timeouts' clock on. */
  private static final AtomicLong SKIPPED = new AtomicLong();

  ExpirableCallTimer(Timers timers) {
    super(timers);
  }

  /** Expires every call timeout still pending; returns how many there were. */
  public static int expireAll() {
    // the watches measure silence on this clock: a day on, every one of them has been silent
    SKIPPED.addAndGet(Duration.ofDays(1).toNanos());
    return PENDING.expireAll();
  }

  @Override
  protected Cancellable schedule(Runnable expiry, Duration limit) {
    return PENDING.track(expiry, super.schedule(expiry, limit));
  }

  @Override
  protected long now() {
    return super.now() + SKIPPED.get();
  }
}
