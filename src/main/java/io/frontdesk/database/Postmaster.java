package io.frontdesk.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the embedded PostgreSQL server: a child of this JVM in a session of its own, ready
 * once it accepts the folder's password on its port. What it prints before its log collector takes
 * over (start-up failures) goes to {@code log/startup.log} in the data folder.
 */
final class Postmaster {

  static final String STARTUP_LOG = "log/startup.log";
  // SQLSTATE of a refused password: waiting longer does not help
  private static final String INVALID_PASSWORD = "28P01";

  private final Process process;
  private final int port;

  private Postmaster(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the server on {@code port} and waits (at most {@code limit}) until it is ready. */
  static Postmaster start(
      PostgresBinaries binaries,
      Path dataDir,
      int port,
      Map<String, String> settings,
      String password,
      Duration limit) {
    List<String> args = new ArrayList<>(List.of("-D", dataDir.toString(), "-p", "" + port));
    settings.forEach((key, value) -> args.addAll(List.of("-c", key + "=" + value)));
    Path startupLog = dataDir.resolve(STARTUP_LOG);
    try {
      Files.createDirectories(startupLog.getParent());
      Process process =
          new ProcessBuilder(binaries.detached("postgres", args))
              .redirectErrorStream(true)
              .redirectOutput(startupLog.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      Postmaster postmaster = new Postmaster(process, port);
      postmaster.awaitReady(password, limit, startupLog);
      return postmaster;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
    }
  }

  long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  /** Completes when the server process ends, whoever ended it. */
  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** The exit code once it ended. */
  int exitCode() {
    return process.exitValue();
  }

  /** Stops the server (fast shutdown: sessions end, a checkpoint is written) and waits for it. */
  void stop() {
    shutDown(process.toHandle());
  }

  /**
   * Fast shutdown of a postmaster (SIGINT); after 30 s immediate shutdown (SIGQUIT: crash recovery
   * at the next start), after 10 s more SIGKILL. Returns once it is gone.
   */
  static void shutDown(ProcessHandle postmaster) {
    if (!postmaster.isAlive()) {
      return;
    }
    Programs.signal(postmaster.pid(), "INT");
    if (ended(postmaster, Duration.ofSeconds(30))) {
      return;
    }
    Programs.signal(postmaster.pid(), "QUIT");
    if (ended(postmaster, Duration.ofSeconds(10))) {
      return;
    }
    postmaster.destroyForcibly();
    ended(postmaster, Duration.ofSeconds(10));
  }

  private static boolean ended(ProcessHandle process, Duration limit) {
    try {
      process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return !process.isAlive();
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private void awaitReady(String password, Duration limit, Path startupLog) {
    long deadline = System.nanoTime() + limit.toNanos();
    String lastFailure = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "PostgreSQL did not start (exit " + process.exitValue() + "): " + tail(startupLog));
      }
      try (Connection ignored = connect(password)) {
        return;
      } catch (SQLException e) {
        if (INVALID_PASSWORD.equals(e.getSQLState())) {
          stop();
          throw new IllegalStateException(
              "PostgreSQL refused the password kept in its data folder: " + e.getMessage());
        }
        lastFailure = e.getMessage();
      }
      sleep(100);
    }
    stop();
    throw new IllegalStateException(
        "PostgreSQL was not ready after " + limit.toSeconds() + " s (" + lastFailure + ")");
  }

  private Connection connect(String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", LocalAuthentication.USER);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("loginTimeout", "5");
    properties.setProperty("socketTimeout", "5");
    Connection connection =
        new org.postgresql.Driver()
            .connect("jdbc:postgresql://localhost:" + port + "/postgres", properties);
    if (connection == null) {
      throw new SQLException("the PostgreSQL driver refused the URL");
    }
    return connection;
  }

  private static String tail(Path log) {
    try {
      return Programs.tail(Files.readString(log));
    } catch (IOException e) {
      return "see " + log;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while PostgreSQL started", e);
    }
  }
}
