package io.frontdesk.database;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Asks the database {@code select 1} every second on a connection of its own (not the pool's, so a
 * busy pool never looks like an outage), and at once when a request met a lost connection; reports
 * the answer to {@link DatabaseOutage}. A request that lost a connection while the database answers
 * (something else went away) is logged here, at most once a minute.
 */
@ApplicationScoped
class DatabaseProbe {

  private static final Logger LOG = Logger.getLogger(DatabaseProbe.class);
  private static final long SUSPECT_LOG_EVERY_NANOS = 60_000_000_000L;
  private static final AtomicReference<Throwable> SUSPECT = new AtomicReference<>();

  private final Vertx vertx;
  private final DatabaseConfig config;
  private final PgConnectOptions options;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicReference<PgConnection> connection = new AtomicReference<>();
  private volatile long suspectLogged = System.nanoTime() - SUSPECT_LOG_EVERY_NANOS;
  private volatile boolean stopped;

  DatabaseProbe(
      Vertx vertx,
      DatabaseConfig config,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.vertx = vertx;
    this.config = config;
    this.options =
        PgConnectOptions.fromUri(url)
            .setUser(user)
            .setPassword(password)
            .setConnectTimeout((int) config.probeTimeout().toMillis())
            .setReconnectAttempts(0);
  }

  /** A request met a lost connection: what the next probe explains, or logs. */
  static void suspect(Throwable failure) {
    SUSPECT.set(failure);
  }

  void start(@Observes StartupEvent event) {
    DatabaseOutage.configure(config.retryAfter(), this::probeNow);
  }

  /** The application is stopping (and may stop its embedded server): nothing more to report. */
  void stop(@Observes ShutdownDelayInitiatedEvent event) {
    stopped = true;
  }

  void stop(@Observes ShutdownEvent event) {
    stopped = true;
  }

  @Scheduled(
      every = "${frontdesk.database.probe-every:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    probeNow();
  }

  /** Probes now unless a probe is under way; returns at once. */
  void probeNow() {
    if (stopped || !running.compareAndSet(false, true)) {
      return;
    }
    long start = System.nanoTime();
    select()
        .onFailure()
        .recoverWithUni(
            first -> {
              // a connection the database dropped (a restart): one more on a new one decides
              close();
              return select();
            })
        .subscribe()
        .with(
            ok -> {
              running.set(false);
              DatabaseOutage.up(start);
              logSuspect();
            },
            failure -> {
              running.set(false);
              close();
              SUSPECT.set(null);
              if (!stopped) {
                DatabaseOutage.down(oneLine(failure));
              }
            });
  }

  private Uni<Void> select() {
    PgConnection current = connection.get();
    Uni<PgConnection> open =
        current != null
            ? Uni.createFrom().item(current)
            : PgConnection.connect(vertx, options).invoke(connection::set);
    return open.chain(c -> c.query("select 1").execute())
        .ifNoItem()
        .after(config.probeTimeout())
        .failWith(
            () ->
                new IllegalStateException(
                    "no answer within " + config.probeTimeout().toMillis() + " ms"))
        .replaceWithVoid();
  }

  /**
   * A connection failure while the database answers: the cause is elsewhere; said once a minute.
   */
  private void logSuspect() {
    Throwable suspect = SUSPECT.getAndSet(null);
    long now = System.nanoTime();
    if (suspect != null && now - suspectLogged >= SUSPECT_LOG_EVERY_NANOS) {
      suspectLogged = now;
      LOG.warnf(
          "A request lost a connection although the database answers (answered 503): %s",
          oneLine(suspect));
    }
  }

  /** Drops the probe's connection (a replacement is opened by the next probe). */
  private void close() {
    PgConnection current = connection.getAndSet(null);
    if (current != null) {
      current.close().subscribe().with(ok -> {}, failure -> {});
    }
  }

  /**
   * Closes the connection before Vert.x stops: a close still under way when its event loops are
   * gone is logged as an ERROR by Netty.
   */
  @PreDestroy
  void destroy() {
    stopped = true;
    PgConnection current = connection.getAndSet(null);
    if (current != null) {
      current.close().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(2));
    }
  }

  private static String oneLine(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
  }
}
