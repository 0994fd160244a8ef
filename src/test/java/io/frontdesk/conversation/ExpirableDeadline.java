package io.frontdesk.conversation;

import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real turn deadline, which a test can also bring forward: {@link #expireAll()} ends every
 * pending deadline at once, exactly as if its time had run out, so a timeout is tested without a
 * reply that races a short timer.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ExpirableDeadline extends Deadline {

  private static final Set<Runnable> PENDING = ConcurrentHashMap.newKeySet();

  /** Expires every deadline still pending; returns how many there were. */
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
