package io.frontdesk.startup;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The start-up's phases, one INFO line each ({@code Startup phase <name>: <ms> ms}, with the time
 * since the JVM started), so an operator sees where the time to ready goes. Independent phases can
 * start early on their own thread ({@link #inBackground}); whoever needs the result joins it, and a
 * failed phase fails that join, so the service never comes up half-initialised.
 */
public final class StartupPhases {

  private static final Logger LOG = Logger.getLogger(StartupPhases.class);
  private static final long JVM_START_MS = ManagementFactory.getRuntimeMXBean().getStartTime();

  // when the entry point handed over to Quarkus (0: started otherwise, e.g. by a test)
  private static volatile long quarkusStarting;

  private StartupPhases() {}

  /** Marks the entry point handing over to Quarkus: the framework's boot starts now. */
  public static void quarkusStarting() {
    quarkusStarting = System.nanoTime();
  }

  /** When {@link #quarkusStarting} was called, or 0. */
  static long quarkusStartingNanos() {
    return quarkusStarting;
  }

  /** Milliseconds since the JVM started. */
  public static long sinceJvmStart() {
    return System.currentTimeMillis() - JVM_START_MS;
  }

  /** Logs a phase that began at {@code startNanos} ({@link System#nanoTime()}) and ends now. */
  public static void done(String phase, long startNanos) {
    done(phase, startNanos, "");
  }

  /** As {@link #done(String, long)}, with a detail after the time. */
  public static void done(String phase, long startNanos, String detail) {
    LOG.infof(
        "Startup phase %s: %d ms%s (%d ms after JVM start)",
        phase, (System.nanoTime() - startNanos) / 1_000_000, detail, sinceJvmStart());
  }

  /** Runs a phase on the calling thread and logs its time. */
  public static <T> T timed(String phase, Supplier<T> work) {
    long start = System.nanoTime();
    T result = work.get();
    done(phase, start);
    return result;
  }

  /** Starts a phase now on a thread of its own (a daemon: it never holds the JVM up). */
  public static <T> Background<T> inBackground(String phase, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    long[] took = new long[1];
    Thread thread =
        new Thread(
            () -> {
              long start = System.nanoTime();
              T value;
              try {
                value = work.get();
              } catch (Throwable e) {
                took[0] = System.nanoTime() - start;
                result.completeExceptionally(e);
                return;
              }
              // written before the completion, so a joiner sees it
              took[0] = System.nanoTime() - start;
              result.complete(value);
            },
            "startup-" + phase.replace(' ', '-'));
    thread.setDaemon(true);
    thread.start();
    return new Background<>(phase, result, took);
  }

  /** A phase running on its own thread; {@link #join} waits for it and logs both times. */
  public static final class Background<T> {

    private final String phase;
    private final CompletableFuture<T> result;
    private final long[] took;

    private Background(String phase, CompletableFuture<T> result, long[] took) {
      this.phase = phase;
      this.result = result;
      this.took = took;
    }

    /**
     * The phase's result, once it is done; its failure is rethrown here (unchecked as it was, a
     * checked one wrapped), so the caller's start fails with the phase's own reason.
     */
    public T join() {
      long waitStart = System.nanoTime();
      try {
        T value = result.join();
        LOG.infof(
            "Startup phase %s: %d ms in parallel, waited %d ms for it (%d ms after JVM start)",
            phase,
            took[0] / 1_000_000,
            (System.nanoTime() - waitStart) / 1_000_000,
            sinceJvmStart());
        return value;
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("startup phase " + phase + " failed", cause);
      }
    }

    /** Whether the phase has finished (succeeded or failed). */
    public boolean isDone() {
      return result.isDone();
    }
  }
}
