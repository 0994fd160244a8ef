package io.frontdesk.database;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the embedded PostgreSQL up until the application has let its turns end: on SIGTERM every
 * JVM shutdown hook starts at once, so the database's waits for {@link #applicationStopped}.
 */
public final class ShutdownOrder {

  private static final CountDownLatch STOPPED = new CountDownLatch(1);
  private static volatile boolean started;

  private ShutdownOrder() {}

  /** The application is up: a shutdown must now wait for it. */
  public static void applicationStarted() {
    started = true;
  }

  /** The application's turns have ended; the database may stop. */
  public static void applicationStopped() {
    STOPPED.countDown();
  }

  /** Waits (at most {@code limit}) for the application to stop, if it ever started. */
  static void awaitApplication(Duration limit) {
    if (!started) {
      return;
    }
    try {
      STOPPED.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
