package io.frontdesk.testing;

import io.smallrye.mutiny.subscription.Cancellable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Timers a test can bring forward: a timer registered here still runs at its real time, and {@link
 * #expireAll()} runs every one still pending at once, as if its time had run out — so a timeout is
 * tested without a reply racing a short timer.
 */
public final class Expirable {

  private final Set<Runnable> pending = ConcurrentHashMap.newKeySet();

  /** Keeps {@code expiry} until {@code timer} is cancelled; returns the cancellation to hand on. */
  public Cancellable track(Runnable expiry, Cancellable timer) {
    pending.add(expiry);
    return () -> {
      pending.remove(expiry);
      timer.cancel();
    };
  }

  /** Expires every timer still pending; returns how many there were. */
  public int expireAll() {
    List<Runnable> due = List.copyOf(pending);
    pending.clear();
    due.forEach(Runnable::run);
    return due.size();
  }
}
