package io.frontdesk.database;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Whether the database can be reached now, for the whole process: the probe ({@link DatabaseProbe})
 * and the embedded server's supervisor report it; readiness, the error contract and the scheduled
 * jobs read it. An outage is logged once when it begins (WARN) and once when it ends (INFO), never
 * per request: while it lasts every request that needs the database is answered 503 with
 * Retry-After. Process-wide (static) because the embedded server's supervisor runs before the
 * application and the error contract describes failures statically.
 */
public final class DatabaseOutage {

  private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);

  /** What a client is told while the service cannot reach what it needs. */
  public static final String MESSAGE =
      "the service cannot reach its database right now; please try again shortly";

  private record State(boolean down, long sinceNanos, String cause) {}

  private static final AtomicReference<State> STATE =
      new AtomicReference<>(new State(false, System.nanoTime(), null));
  private static final AtomicLong ANSWERED = new AtomicLong();
  private static volatile Duration retryAfter = Duration.ofSeconds(5);
  private static volatile Runnable probe = () -> {};

  private DatabaseOutage() {}

  /**
   * True when {@code failure} is a lost database connection (an outage, not a defect): the caller
   * answers 503 with Retry-After and logs nothing (the outage is logged once). Counts the answer;
   * when no outage is known yet, the probe runs at once to find out.
   */
  public static boolean explains(Throwable failure) {
    if (!isOutage(failure)) {
      return false;
    }
    ANSWERED.incrementAndGet();
    return true;
  }

  /**
   * True when {@code failure} is a lost database connection, for code that would log it: the outage
   * is logged once, here, so the caller logs nothing (or at DEBUG). When no outage is known yet,
   * the probe runs at once to find out.
   */
  public static boolean isOutage(Throwable failure) {
    if (!ConnectionLoss.in(failure)) {
      return false;
    }
    if (!isDown()) {
      DatabaseProbe.suspect(failure);
      probe.run();
    }
    return true;
  }

  /** Whether the database is known to be unreachable now. */
  public static boolean isDown() {
    return STATE.get().down();
  }

  /** The seconds a client should wait before trying again (Retry-After). */
  public static long retryAfterSeconds() {
    return Math.max(1, retryAfter.toSeconds());
  }

  /** How long the current outage has lasted; zero when there is none. */
  public static Duration downFor() {
    State state = STATE.get();
    return state.down() ? Duration.ofNanos(System.nanoTime() - state.sinceNanos()) : Duration.ZERO;
  }

  /** Why the database is unreachable, or null when it is not. */
  public static String cause() {
    return STATE.get().cause();
  }

  static void configure(Duration retry, Runnable probeNow) {
    retryAfter = retry;
    probe = probeNow;
  }

  /** The database cannot be reached: the first report of an outage logs it. */
  static void down(String cause) {
    if (EmbeddedDatabase.stopping()) {
      // the application stops its own server on its way out: not an outage
      return;
    }
    State now = new State(true, System.nanoTime(), cause);
    State before = STATE.getAndUpdate(s -> s.down() ? s : now);
    if (!before.down()) {
      ANSWERED.set(0);
      LOG.warnf(
          "Database unavailable: %s. Requests that need it are answered 503 (Retry-After %d s)"
              + " until it is back",
          cause, retryAfterSeconds());
    }
  }

  /**
   * The database answered a probe that began at {@code probeStartNanos}; a probe that began before
   * the outage was reported says nothing about it.
   */
  static void up(long probeStartNanos) {
    State before =
        STATE.getAndUpdate(
            s ->
                s.down() && probeStartNanos - s.sinceNanos() >= 0
                    ? new State(false, System.nanoTime(), null)
                    : s);
    if (before.down() && !STATE.get().down()) {
      LOG.infof(
          "Database available again after %.1f s; %d requests were answered 503 meanwhile",
          (System.nanoTime() - before.sinceNanos()) / 1e9, ANSWERED.getAndSet(0));
    }
  }

  /**
   * Skips a scheduled job's run while the database is unreachable (it would only fail and log):
   * {@code @Scheduled(skipExecutionIf = DatabaseOutage.SkipWhileDown.class)}.
   */
  @Singleton
  public static class SkipWhileDown implements Scheduled.SkipPredicate {
    @Override
    public boolean test(ScheduledExecution execution) {
      return isDown();
    }
  }
}
