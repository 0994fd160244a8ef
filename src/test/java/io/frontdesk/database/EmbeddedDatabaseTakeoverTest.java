package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.CapturedLog;
import io.frontdesk.testing.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-only start of the embedded PostgreSQL: a Frontdesk (a JVM of its own) killed with kill -9
 * leaves its server behind at worst; the next start on the folder takes it back, while a live
 * Frontdesk's folder is still refused.
 */
class EmbeddedDatabaseTakeoverTest {

  @TempDir Path work;
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void aServerLeftRunningByAKilledFrontdeskIsTakenBackByTheNextStart() throws Exception {
    Path dir = work.resolve("pg");
    long postmaster = startChild(dir, "stored before the crash");

    EmbeddedDatabase.DataDirectoryInUse refused =
        assertThrows(
            EmbeddedDatabase.DataDirectoryInUse.class,
            () -> EmbeddedDatabase.start(dir, false, false),
            "a live Frontdesk keeps its folder");
    assertTrue(refused.getMessage().contains(dir.toString()), refused.getMessage());
    assertTrue(alive(postmaster), "the live Frontdesk's server is left alone");

    // the watchdog goes first (as when the whole process group is killed): the server stays
    killChildAndWatchdog();
    assertTrue(alive(postmaster), "the server outlived the JVM that started it");

    try (CapturedLog log = CapturedLog.of("io.frontdesk.database");
        EmbeddedDatabase again = EmbeddedDatabase.start(dir, false, false)) {
      assertEquals(List.of("stored before the crash"), notes(again));
      assertTrue(!alive(postmaster), "the old server is gone");
      assertNotEquals(postmaster, again.postmasterPid());
      assertEquals(
          1, log.containing("outlived the Frontdesk that started it").size(), "" + log.lines());
    }
  }

  @Test
  void theServerOfAKilledFrontdeskIsStoppedByItsWatchdog() throws Exception {
    Path dir = work.resolve("pg");
    long postmaster = startChild(dir, "stored before the crash");

    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Eventually.await(
        "the watchdog stops the server", Duration.ofSeconds(30), () -> !alive(postmaster));

    try (CapturedLog log = CapturedLog.of("io.frontdesk.database");
        EmbeddedDatabase again = EmbeddedDatabase.start(dir, false, false)) {
      assertEquals(List.of("stored before the crash"), notes(again));
      assertEquals(List.of(), log.containing("outlived"), "nothing was left to take back");
    }
  }

  /** Starts a Frontdesk-like JVM on the folder; the pid of its postmaster once it is ready. */
  private long startChild(Path dir, String note) throws Exception {
    Path out = work.resolve("child.log");
    child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedDatabaseChild.class.getName(),
                dir.toString(),
                note)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    Eventually.await(
        "the child's database is ready",
        Duration.ofMinutes(2),
        () -> !child.isAlive() || readyLine(out).isPresent());
    String ready = readyLine(out).orElseThrow(() -> new AssertionError(read(out)));
    return Long.parseLong(ready.substring("ready ".length()).strip());
  }

  private void killChildAndWatchdog() throws InterruptedException {
    List<ProcessHandle> watchdogs =
        child
            .descendants()
            .filter(
                p ->
                    p.info()
                        .arguments()
                        .map(a -> List.of(a).contains("frontdesk-postgres-watchdog"))
                        .orElse(false))
            .toList();
    assertEquals(1, watchdogs.size(), "one watchdog");
    watchdogs.forEach(ProcessHandle::destroyForcibly);
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static List<String> notes(EmbeddedDatabase database) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + database.port() + "/postgres",
                "postgres",
                database.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select note from kept")) {
      List<String> notes = new ArrayList<>();
      while (r.next()) {
        notes.add(r.getString(1));
      }
      return notes;
    }
  }

  private static Optional<String> readyLine(Path out) {
    return read(out).lines().filter(l -> l.startsWith("ready ")).findFirst();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
