package io.frontdesk;

import io.frontdesk.conversation.Tokens;
import io.frontdesk.database.EmbeddedDatabase;
import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.startup.StartupPhases;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Entry point: with no datasource configured, starts the embedded PostgreSQL before Quarkus so that
 * the service runs with nothing installed (taking back a data folder whose server outlived a killed
 * Frontdesk, restarting the server if it exits); with one configured, starts nothing. The start's
 * independent CPU work (the embedding model, the tokenizer) begins first, on threads of its own,
 * while the database and the framework start.
 */
@QuarkusMain
public class FrontdeskMain {

  private static final Logger LOG = Logger.getLogger(FrontdeskMain.class);

  public static void main(String... args) {
    preload();
    // A native binary carries no PostgreSQL binaries: it always runs against a configured server.
    if (ImageMode.current() != ImageMode.NATIVE_RUN && embeddedDatabaseWanted()) {
      startEmbeddedDatabase();
    }
    StartupPhases.quarkusStarting();
    Quarkus.run(args);
  }

  /**
   * Starts what needs neither the database nor the framework: the tokenizer's tables (a class
   * initialiser: whoever counts tokens first waits for it) and, unless configuration picks the
   * remote embedder, the in-process embedding model with the settings taken from the environment (a
   * load with other settings, e.g. from a configuration file, loads it again).
   */
  private static void preload() {
    Tokens.preload();
    String provider = setting("frontdesk.embedding.provider");
    if (provider != null && !"in-process".equalsIgnoreCase(provider)) {
      return;
    }
    try {
      InProcessEmbedder.preload(
          intSetting("frontdesk.embedding.threads", InProcessEmbedder.THREADS),
          intSetting("frontdesk.embedding.message-head-tokens", InProcessEmbedder.HEAD_TOKENS),
          intSetting("frontdesk.embedding.message-tail-tokens", InProcessEmbedder.TAIL_TOKENS));
    } catch (NumberFormatException invalid) {
      // configuration validation reports it once Quarkus reads it
    }
  }

  private static int intSetting(String property, int otherwise) {
    String value = setting(property);
    return value == null ? otherwise : Integer.parseInt(value.trim());
  }

  private static boolean embeddedDatabaseWanted() {
    boolean configured = setting("quarkus.datasource.reactive.url") != null;
    String enabled = setting("frontdesk.embedded-database.enabled");
    return !configured && !"false".equalsIgnoreCase(enabled);
  }

  private static void startEmbeddedDatabase() {
    String dir = setting("frontdesk.embedded-database.data-dir");
    Path dataDir = Path.of(dir != null ? dir : "data/postgres").toAbsolutePath();
    long start = System.nanoTime();
    EmbeddedDatabase database;
    try {
      database = EmbeddedDatabase.start(dataDir, false, false);
    } catch (EmbeddedDatabase.DataDirectoryInUse inUse) {
      // one sentence, before Quarkus (and its logging) starts
      System.err.println(inUse.getMessage());
      System.exit(2);
      return;
    } catch (IllegalStateException | UncheckedIOException cannot) {
      System.err.println("Cannot start the embedded PostgreSQL in " + dataDir + ": " + cannot);
      System.exit(1);
      return;
    }
    // the graceful shutdown (turns finishing) needs the database to the end
    database.stopAfterApplication(Duration.ofMinutes(3));
    // a server that exits while the application runs is started again on the same port
    database.keepRunning();
    database.datasourceConfig().forEach(System::setProperty);
    LOG.infof(
        "No datasource configured: embedded PostgreSQL on port %d, data in %s",
        database.port(), dataDir);
    StartupPhases.done("embedded PostgreSQL", start);
  }

  /** A setting from a system property or its environment-variable form (a.b-c → A_B_C). */
  private static String setting(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
    }
    return value == null || value.isBlank() ? null : value;
  }
}
