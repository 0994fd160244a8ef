package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept data folder (the zero-config store) commits durably; a wiped one (tests) need not. */
class EmbeddedDatabaseDurabilityTest {

  @TempDir Path dataDir;

  @Test
  void aKeptDataFolderFlushesEachCommit() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, false, false)) {
      assertEquals("on", setting(db, "synchronous_commit"));
      assertEquals("on", setting(db, "fsync"));
    }
  }

  private static String setting(EmbeddedDatabase db, String name) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + db.port() + "/postgres",
                "postgres",
                db.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("show " + name)) {
      r.next();
      return r.getString(1);
    }
  }
}
