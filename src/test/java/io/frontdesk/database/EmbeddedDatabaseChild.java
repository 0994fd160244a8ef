package io.frontdesk.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A Frontdesk reduced to its embedded database, in a JVM of its own so that a test can kill it: it
 * starts the server on the folder given, stores a row, prints {@code ready <postmaster pid>} and
 * waits to be killed.
 */
public final class EmbeddedDatabaseChild {

  private EmbeddedDatabaseChild() {}

  public static void main(String... args) throws Exception {
    EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), false, true);
    database.keepRunning();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + database.port() + "/postgres",
                "postgres",
                database.password());
        Statement s = c.createStatement()) {
      s.execute("create table if not exists kept (note text)");
      s.execute("insert into kept values ('" + args[1] + "')");
    }
    System.out.println("ready " + database.postmasterPid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
