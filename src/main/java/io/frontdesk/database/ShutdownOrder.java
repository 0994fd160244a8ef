package io.frontdesk.database;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Keeps the embedded PostgreSQL up while turns are still running at shutdown: on SIGTERM every JVM
 * shutdown hook starts at once, so the database's waits until no turn runs (they are stored as they
 * end), at most a limit. A replica that never started has no turns and stops at once.
 */
public final class ShutdownOrder {

  private static volatile IntSupplier runningTurns = () -> 0;

  private ShutdownOrder() {}

  /** Where the application counts its running turns. */
  public static void turnsFrom(IntSupplier running) {
    runningTurns = running;
  }

  /** Waits (at most {@code limit}) until no turn runs. */
  static void awaitTurns(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (running() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The running turns, or 0 once the application is gone: a start that failed after registering has
   * shut its container down, and the database must still stop (else it outlives the JVM).
   */
  private static int running() {
    try {
      return runningTurns.getAsInt();
    } catch (RuntimeException applicationGone) {
      return 0;
    }
  }
}
