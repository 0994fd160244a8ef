package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's embedded PostgreSQL is started again when it dies, on the same port (the pool
 * reconnects by itself); liveness goes DOWN only once restarting has failed for longer than the
 * configured limit, and UP again when the server is back.
 */
class EmbeddedDatabaseRestartTest {

  @TempDir Path dir;

  @Test
  void aKilledServerIsStartedAgainAndLivenessIsDownOnlyWhileRestartsKeepFailing() throws Exception {
    DatabaseHealthChecks health = new DatabaseHealthChecks(config(Duration.ofSeconds(1)));
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), true, false)) {
      db.keepRunning();
      long first = db.postmasterPid();
      Path version = dir.resolve("pg/PG_VERSION");
      Path aside = dir.resolve("PG_VERSION.aside");
      // the folder cannot be served for now: every restart fails
      Files.move(version, aside);
      ProcessHandle.of(first).orElseThrow().destroyForcibly();

      Eventually.await(
          "restarts keep failing past the limit",
          Duration.ofSeconds(30),
          () -> EmbeddedDatabase.restartFailingFor().compareTo(Duration.ofSeconds(1)) > 0);
      HealthCheckResponse down = health.liveness().call();
      assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
      assertTrue(EmbeddedDatabase.lastRestartFailure().contains("PG_VERSION"), "" + down.getData());

      Files.move(aside, version);
      // (readiness follows the process-wide outage state, which the application's probe also
      // reports in this JVM: DatabaseOutageTest covers it)
      Eventually.await(
          "the server is back",
          Duration.ofSeconds(60),
          () -> EmbeddedDatabase.restartFailingFor().isZero());
      assertEquals(HealthCheckResponse.Status.UP, health.liveness().call().getStatus());
      assertNotEquals(first, db.postmasterPid());
      try (Connection c =
          DriverManager.getConnection(
              "jdbc:postgresql://localhost:" + db.port() + "/postgres",
              "postgres",
              db.password())) {
        assertFalse(c.isClosed(), "the same port and password serve again");
      }
    }
  }

  private static DatabaseConfig config(Duration giveUpAfter) {
    return new DatabaseConfig() {
      @Override
      public Duration probeEvery() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Duration probeTimeout() {
        return Duration.ofSeconds(2);
      }

      @Override
      public Duration retryAfter() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Duration restartGiveUpAfter() {
        return giveUpAfter;
      }
    };
  }
}
