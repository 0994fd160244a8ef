package io.frontdesk.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A point where a test holds something back (a scripted model reply, a step of a turn) until it
 * lets go: the test learns when the held work arrived, does what it needs while it waits, then
 * releases it. No sleeps: every wait is on a latch, bounded only so a broken test fails instead of
 * hanging the build.
 */
public final class Hold {

  private static final Duration BOUND = Duration.ofSeconds(30);

  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  /** Called by the held work: signals its arrival, then waits to be released. */
  void arriveAndWait() throws InterruptedException {
    arrived.countDown();
    if (!released.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("held for " + BOUND + " and never released");
    }
  }

  /** Waits until the held work has arrived. */
  public void awaitArrival() {
    try {
      if (!arrived.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the held work never arrived within " + BOUND);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for the held work", e);
    }
  }

  public boolean arrived() {
    return arrived.getCount() == 0;
  }

  /** Lets the held work go on (idempotent). */
  public void release() {
    released.countDown();
  }
}
