package io.frontdesk.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A PostgreSQL server run from the embedded binaries: the zero-config default and the tests' store.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final String USER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts a server on a free port over {@code dataDir}; an existing cluster there is reused, so
   * data survives restarts unless {@code wipe} is set.
   */
  public static EmbeddedDatabase start(Path dataDir, boolean wipe) {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(wipe)
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", wipe ? "off" : "on")
              .start();
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
    }
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
