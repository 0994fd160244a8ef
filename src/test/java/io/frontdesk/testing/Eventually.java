package io.frontdesk.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for something that happens after the response (webhooks, async work). */
public final class Eventually {

  private Eventually() {}

  public static void await(String what, BooleanSupplier condition) {
    await(what, Duration.ofSeconds(15), condition);
  }

  /**
   * As {@link #await(String, BooleanSupplier)}, for something that may take up to {@code limit}.
   */
  public static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
