package io.frontdesk.testing;

import io.frontdesk.database.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** A real PostgreSQL (embedded binaries, fresh data directory) for the whole test run. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

  private static volatile EmbeddedDatabase database;

  /** The test run's server: a test may stop and start it, as an external database going away. */
  public static EmbeddedDatabase database() {
    return database;
  }

  @Override
  public Map<String, String> start() {
    try {
      database = EmbeddedDatabase.start(Files.createTempDirectory("frontdesk-test-pg"), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return database.datasourceConfig();
  }

  @Override
  public void stop() {
    if (database != null) {
      database.close();
    }
  }
}
