package io.frontdesk.agent.provider;

import io.frontdesk.testing.Expirable;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;

/**
 * The real model call timeout, which a test can also bring forward: {@link #expireAll()} ends every
 * pending call timeout at once, as if the model had stayed silent that long, so a hanging endpoint
 * is tested without a reply racing a short timer.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ExpirableCallTimer extends CallTimer {

  private static final Expirable PENDING = new Expirable();

  /** Expires every call timeout still pending; returns how many there were. */
  public static int expireAll() {
    return PENDING.expireAll();
  }

  @Override
  protected Cancellable schedule(Runnable expiry, Duration limit) {
    return PENDING.track(expiry, super.schedule(expiry, limit));
  }
}
