package io.frontdesk.agent.provider;

import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real model call timeout, which a test can also bring forward: {@link #expireAll()} ends every
 * pending call timeout at once, as if the model had stayed silent that long, so a hanging endpoint
 * is tested without a reply racing a short timer.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ExpirableCallTimer extends CallTimer {

  private static final Set<Runnable> PENDING = ConcurrentHashMap.newKeySet();

  /** Expires every call timeout still pending; returns how many there were. */
  public static int expireAll() {
    List<Runnable> pending = List.copyOf(PENDING);
    PENDING.clear();
    pending.forEach(Runnable::run);
    return pending.size();
  }

  @Override
  protected Cancellable schedule(Runnable expiry, Duration limit) {
    Cancellable timer = super.schedule(expiry, limit);
    PENDING.add(expiry);
    return () -> {
      PENDING.remove(expiry);
      timer.cancel();
    };
  }
}
