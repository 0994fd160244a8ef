package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another OS user on the machine cannot open the embedded PostgreSQL: every connection needs the
 * password generated into the data folder, and there is no Unix socket in the shared temp folder.
 */
class LocalAuthenticationTest {

  private static final String INVALID_PASSWORD = "28P01";

  @TempDir Path work;

  @Test
  void aNewDataFolderOpensOnlyWithItsGeneratedPassword() throws Exception {
    Path dir = work.resolve("pg");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, false, false)) {
      Path file = dir.resolve(LocalAuthentication.PASSWORD_FILE);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals(db.password(), Files.readString(file).strip());

      assertEquals("", setting(db, db.password(), "unix_socket_directories"), "no Unix socket");
      assertEquals("localhost", setting(db, db.password(), "listen_addresses"));
      SQLException refused =
          assertThrows(SQLException.class, () -> setting(db, "postgres", "port"));
      assertEquals(INVALID_PASSWORD, refused.getSQLState(), refused.getMessage());
      assertFalse(Files.readString(dir.resolve("pg_hba.conf")).contains("trust"));
    }
    try (EmbeddedDatabase again = EmbeddedDatabase.start(dir, false, false)) {
      assertEquals(
          Files.readString(dir.resolve(LocalAuthentication.PASSWORD_FILE)).strip(),
          again.password(),
          "the password is kept across starts");
    }
  }

  @Test
  void aDataFolderAnOlderFrontdeskCreatedWithTrustIsMovedToThePasswordOnStart() throws Exception {
    Path dir = work.resolve("pg");
    // how Frontdesk started its database before: the library's trust set-up
    try (EmbeddedPostgres old =
            EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        Connection c = old.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table kept (note text)");
      s.execute("insert into kept values ('stored while it trusted everyone')");
    }
    assertTrue(Files.readString(dir.resolve("pg_hba.conf")).contains("trust"));

    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, false, false)) {
      assertEquals("stored while it trusted everyone", note(db, db.password()));
      SQLException refused = assertThrows(SQLException.class, () -> note(db, "postgres"));
      assertEquals(INVALID_PASSWORD, refused.getSQLState(), refused.getMessage());
      assertEquals(LocalAuthentication.HBA, Files.readString(dir.resolve("pg_hba.conf")));
    }
  }

  private static String setting(EmbeddedDatabase db, String password, String name)
      throws SQLException {
    return single(db, password, "show " + name);
  }

  private static String note(EmbeddedDatabase db, String password) throws SQLException {
    return single(db, password, "select note from kept");
  }

  private static String single(EmbeddedDatabase db, String password, String sql)
      throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + db.port() + "/postgres", "postgres", password);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }
}
