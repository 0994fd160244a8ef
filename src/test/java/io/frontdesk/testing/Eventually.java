package io.frontdesk.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for something that happens after the response (webhooks, async work). */
public final class Eventually {

  private Eventually() {}

  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
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
