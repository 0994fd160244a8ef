package io.frontdesk.conversation;

import io.frontdesk.model.Timers;
import io.frontdesk.testing.Expirable;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The real turn deadline, which a test can also bring forward: {@link #expireAll()} ends every
 * pending deadline at once, exactly as if its time had run out, so a timeout is tested without a
 * reply that races a short timer.
 */
@Alternative
@Priority(1)
@Singleton
public class ExpirableDeadline extends Deadline {

  private static final Expirable PENDING = new Expirable();

  ExpirableDeadline(Timers timers) {
    super(timers);
  }

  /** Expires every deadline still pending; returns how many there were. */
  public static int expireAll() {
    return PENDING.expireAll();
  }

  @Override
  protected Cancellable schedule(Runnable expiry, Duration limit) {
    return PENDING.track(expiry, super.schedule(expiry, limit));
  }
}
