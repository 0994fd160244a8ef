package io.frontdesk.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server run from the embedded binaries: the zero-config default and the tests' store.
 * Crash-only: a start takes back a folder whose server outlived the Frontdesk that started it
 * ({@link DataFolder}), the server is stopped when this JVM dies ({@link PostmasterWatchdog}), and
 * a server of the application that exits is started again on the same port ({@link #keepRunning}).
 * Only the folder's generated password opens it ({@link LocalAuthentication}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
  static final String LOCK_FILE = DataFolder.LOCK_FILE;
  // crash recovery of a large WAL can take minutes; Kubernetes' startup probe allows five
  private static final Duration START_LIMIT = Duration.ofMinutes(5);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static volatile EmbeddedDatabase serving;

  private final DataFolder folder;
  private final PostgresBinaries binaries;
  private final String password;
  private final int port;
  private final Map<String, String> settings;
  private final boolean wipe;
  private final ExecutorService restarts =
      Executors.newSingleThreadExecutor(
          task -> Thread.ofPlatform().daemon().name("embedded-postgres-restart").unstarted(task));
  private volatile Postmaster postmaster;
  private volatile PostmasterWatchdog watchdog;
  private volatile boolean supervised;
  private volatile boolean closed;
  private volatile long restartingSince;
  private volatile String lastRestartFailure;

  private EmbeddedDatabase(
      DataFolder folder, PostgresBinaries binaries, String password, int port, boolean wipe) {
    this.folder = folder;
    this.binaries = binaries;
    this.password = password;
    this.port = port;
    this.wipe = wipe;
    this.settings = settings(wipe);
  }

  /**
   * Starts a server on a free port over {@code dataDir}; an existing cluster there is reused, so
   * data survives restarts unless {@code wipe} is set (the folder is then emptied at start and
   * removed at close).
   */
  public static EmbeddedDatabase start(Path dataDir, boolean wipe) {
    return start(dataDir, wipe, true);
  }

  /**
   * As {@link #start(Path, boolean)}; without {@code stopOnExit} the server is stopped by {@link
   * #stopAfterApplication} instead of at once when the JVM begins to exit.
   */
  public static EmbeddedDatabase start(Path dataDir, boolean wipe, boolean stopOnExit) {
    Path dir = dataDir.toAbsolutePath();
    PostgresBinaries binaries = PostgresBinaries.in(PostgresBinaries.cache());
    prepare(dir, wipe, binaries);
    DataFolder folder = DataFolder.claim(dir);
    try {
      folder.takeBack();
      String password = LocalAuthentication.ensure(dir, binaries);
      EmbeddedDatabase database =
          new EmbeddedDatabase(folder, binaries, password, freePort(), wipe);
      database.launchWithRetries();
      if (stopOnExit) {
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
      }
      return database;
    } catch (RuntimeException e) {
      folder.close();
      throw e;
    }
  }

  /** Thrown when another Frontdesk (or PostgreSQL) already runs on this data folder. */
  public static final class DataDirectoryInUse extends RuntimeException {
    DataDirectoryInUse(Path dataDir) {
      super(
          "The data folder "
              + dataDir
              + " is in use by another running Frontdesk; stop it, or start this one with"
              + " FRONTDESK_EMBEDDED_DATABASE_DATA_DIR set to another folder.",
          null,
          false,
          false);
    }
  }

  /**
   * Fails with one sentence when the folder's lock is held by another process (a running
   * Frontdesk); PostgreSQL would otherwise fail with a stack trace ending in "could not lock".
   */
  static void ensureFree(Path dataDir) throws IOException {
    DataFolder.ensureFree(dataDir);
  }

  /**
   * The application's server: started again on the same port (the pool reconnects by itself)
   * whenever it exits while the application runs; the outage is reported meanwhile.
   */
  public void keepRunning() {
    supervised = true;
    serving = this;
  }

  /** Whether the application's server is being stopped (the application is shutting down). */
  static boolean stopping() {
    EmbeddedDatabase current = serving;
    return current != null && current.closed;
  }

  /** How long the application's server has been down and not yet restarted; zero when it runs. */
  static Duration restartFailingFor() {
    EmbeddedDatabase current = serving;
    long since = current == null ? 0 : current.restartingSince;
    return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
  }

  /** Why the last restart of the application's server failed, or null. */
  static String lastRestartFailure() {
    EmbeddedDatabase current = serving;
    return current == null ? null : current.lastRestartFailure;
  }

  /**
   * Stops the server when the JVM exits, but only once no turn runs (each is stored as it ends): on
   * SIGTERM the database outlives the turns of the graceful shutdown.
   */
  public void stopAfterApplication(Duration limit) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    ShutdownOrder.awaitTurns(limit);
                  } finally {
                    close();
                  }
                },
                "embedded-postgres-stop"));
  }

  public int port() {
    return port;
  }

  /** The password of the folder's {@code postgres} role (kept in the folder, mode 0600). */
  public String password() {
    return password;
  }

  /** The password kept in a data folder, for tools and tests that connect to its server. */
  public static String passwordIn(Path dataDir) {
    return LocalAuthentication.password(dataDir.toAbsolutePath());
  }

  /** Reactive-client URL; the JDBC URL used by migrations is derived from it in configuration. */
  public String reactiveUrl() {
    return "postgresql://localhost:" + port + "/postgres";
  }

  /** The datasource properties that point Quarkus at this server. */
  public Map<String, String> datasourceConfig() {
    return Map.of(
        "quarkus.datasource.reactive.url",
        reactiveUrl(),
        "quarkus.datasource.username",
        LocalAuthentication.USER,
        "quarkus.datasource.password",
        password);
  }

  /** The running server's process id. */
  long postmasterPid() {
    return postmaster.pid();
  }

  /** Stops the server and keeps the folder (as an external database going away). */
  synchronized void stopServer() {
    postmaster.stop();
  }

  /** Starts the stopped server again on the same port. */
  synchronized void startServer() {
    launch();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    restarts.shutdownNow();
    if (serving == this) {
      serving = null;
    }
    try {
      if (postmaster != null) {
        postmaster.stop();
      }
    } finally {
      // after the server stopped: the watchdog then finds nothing to stop
      if (watchdog != null) {
        watchdog.close();
      }
      folder.close();
      if (wipe) {
        delete(folder.dir());
      }
    }
  }

  /** Starts the server; retried a few times while a server that was just stopped lets go. */
  private void launchWithRetries() {
    for (int attempt = 1; ; attempt++) {
      try {
        launch();
        return;
      } catch (IllegalStateException e) {
        if (attempt == 5) {
          throw e;
        }
        pause(Duration.ofSeconds(attempt));
      }
    }
  }

  private synchronized void launch() {
    if (closed) {
      throw new IllegalStateException("the embedded database is closed");
    }
    Postmaster next =
        Postmaster.start(binaries, folder.dir(), port, settings, password, START_LIMIT);
    PostmasterWatchdog previous = watchdog;
    postmaster = next;
    watchdog = PostmasterWatchdog.watch(next.pid(), folder.dir());
    if (previous != null) {
      previous.close();
    }
    next.onExit().thenRun(() -> exited(next));
  }

  private void exited(Postmaster which) {
    if (closed || !supervised || which != postmaster) {
      return;
    }
    restartingSince = System.nanoTime();
    DatabaseOutage.down(
        "the embedded PostgreSQL (pid %d) exited with code %d; restarting it on port %d"
            .formatted(which.pid(), which.exitCode(), port));
    restarts.execute(this::restart);
  }

  private void restart() {
    Duration backoff = Duration.ofMillis(250);
    for (int attempt = 1; !closed; attempt++) {
      long attemptStart = System.nanoTime();
      try {
        launch();
        // it answered its password: the outage is over without waiting for the next probe
        DatabaseOutage.up(attemptStart);
        LOG.infof(
            "Embedded PostgreSQL restarted on port %d after %d ms (attempt %d)",
            port, (System.nanoTime() - restartingSince) / 1_000_000, attempt);
        restartingSince = 0;
        lastRestartFailure = null;
        return;
      } catch (RuntimeException e) {
        lastRestartFailure = e.getMessage();
        LOG.debugf("Restart attempt %d of the embedded PostgreSQL failed: %s", attempt, e);
      }
      pause(backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private static void prepare(Path dir, boolean wipe, PostgresBinaries binaries) {
    try {
      if (wipe && Files.exists(dir)) {
        ensureFree(dir);
        delete(dir);
      }
      Files.createDirectories(dir);
      if (!DataFolder.initialised(dir)) {
        initdb(dir, binaries);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the data folder " + dir, e);
    }
  }

  private static void initdb(Path dir, PostgresBinaries binaries) {
    String password = LocalAuthentication.newPassword();
    List<String> args =
        Stream.concat(
                Stream.of("-D", dir.toString(), "-U", LocalAuthentication.USER, "-E", "UTF-8"),
                LocalAuthentication.initdbOptions().stream())
            .toList();
    Programs.run(
        binaries.command("initdb", args), password + "\n", "create a database cluster in " + dir);
    LocalAuthentication.keep(dir, password);
  }

  private static Map<String, String> settings(boolean wipe) {
    Map<String, String> settings = new LinkedHashMap<>();
    // TCP on localhost only, no Unix socket (it was world-writable in the shared temp folder)
    settings.put("listen_addresses", "localhost");
    settings.put("unix_socket_directories", "");
    settings.put("max_connections", "200");
    settings.put("timezone", "UTC");
    // a kept data folder is the zero-config store: a commit waits for its WAL flush; a wiped one
    // (tests) is thrown away anyway
    settings.put("fsync", wipe ? "off" : "on");
    settings.put("synchronous_commit", wipe ? "off" : "on");
    // after a crash the server first syncs its whole folder: one syncfs instead of an fsync per
    // file (seconds on a busy disk) shortens the restart
    settings.put("recovery_init_sync_method", "syncfs");
    // the server's own log in <data>/log, one file per weekday, overwritten a week later
    settings.put("logging_collector", "on");
    settings.put("log_directory", "log");
    settings.put("log_filename", "postgresql-%a.log");
    settings.put("log_truncate_on_rotation", "on");
    settings.put("log_rotation_age", "1d");
    settings.put("log_rotation_size", "0");
    return settings;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.debugf("Could not remove %s: %s", dir, e.getMessage());
    }
  }
}
