package io.frontdesk.technical;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.toolgate.ToolRefused;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Services, logs, restarts and diagnostics against the demo data. Services are picked by SQL among
 * customers above cus_0150, by the story their data tells; the restart test takes a service that no
 * other test here reads.
 */
@QuarkusTest
class TechnicalServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject TechnicalService technical;
  @Inject Pool pool;

  private record Svc(String id, String customerId) {}

  private Svc service(String where) {
    Row r =
        rows(
                pool,
                "select id, customer_id from service where customer_id > 'cus_0150' and "
                    + where
                    + " order by id limit 1")
            .getFirst();
    return new Svc(r.getString("id"), r.getString("customer_id"));
  }

  /** Running, no restarts of note, no failed checks, no certificate close to expiry, no logs. */
  private static final String HEALTHY =
      "status = 'running' and restart_count < 3 and failed_health_checks = 0"
          + " and memory_used_mb * 100 < memory_limit_mb * 90"
          + " and (cert_expires_at is null or cert_expires_at > timestamptz '2026-11-08Z')"
          + " and not exists (select 1 from service_restart r where r.service_id = service.id)";

  private static ToolRefused refused(Uni<?> call) {
    return assertThrows(ToolRefused.class, () -> call.await().atMost(WAIT));
  }

  private OffsetDateTime newestLog(String serviceId) {
    return rows(pool, "select max(logged_at) from service_log where service_id = $1", serviceId)
        .getFirst()
        .getOffsetDateTime(0);
  }

  @Test
  void servicesAreListedForTheirOwnerOnly() {
    Svc svc = service("true");
    ServiceList list = technical.services(svc.customerId()).await().atMost(WAIT);

    assertEquals(
        count(pool, "select count(*) from service where customer_id = $1", svc.customerId()),
        list.services().size());
    assertTrue(list.services().stream().anyMatch(s -> s.serviceId().equals(svc.id())));
    assertTrue(list.summary().matches("\\d+ services?: .*"), list.summary());
  }

  @Test
  void aRelativeWindowCountsBackFromTheNewestLogLine() {
    Svc svc = service(HEALTHY);
    OffsetDateTime newest = newestLog(svc.id());

    for (String since : List.of("1h", "24h")) {
      OffsetDateTime from = newest.minus(Duration.parse("PT" + since.toUpperCase()));
      ServiceLogs logs = technical.logs(svc.customerId(), svc.id(), since).await().atMost(WAIT);

      assertTrue(logs.since().isEqual(from), logs.since() + " vs " + from);
      assertTrue(logs.newestLogAt().isEqual(newest));
      assertEquals(
          count(
              pool,
              "select count(*) from service_log where service_id = $1 and logged_at >= $2",
              svc.id(),
              from),
          logs.lines().size(),
          since);
      assertFalse(logs.truncated());
      assertTrue(logs.lines().getLast().at().isEqual(newest), "the newest line comes last");
      for (int i = 1; i < logs.lines().size(); i++) {
        assertFalse(logs.lines().get(i).at().isBefore(logs.lines().get(i - 1).at()), "ascending");
      }
    }
    assertTrue(
        technical.logs(svc.customerId(), svc.id(), "24h").await().atMost(WAIT).lines().size()
            > technical.logs(svc.customerId(), svc.id(), "1h").await().atMost(WAIT).lines().size());
  }

  @Test
  void anAbsoluteWindowStartsAtThatInstant() {
    Svc svc = service(HEALTHY);
    OffsetDateTime newest = newestLog(svc.id());
    String since = newest.minusMinutes(1).toInstant().toString();

    ServiceLogs logs = technical.logs(svc.customerId(), svc.id(), since).await().atMost(WAIT);

    assertEquals(1, logs.lines().size(), "only the newest line is at or after " + since);
    assertEquals("Health check OK (latency 42 ms)", logs.lines().getFirst().message());
  }

  @Test
  void aLongWindowKeepsTheFiftyNewestLines() {
    Svc svc = service(HEALTHY + " and id > (select min(id) from service where " + HEALTHY + ")");
    OffsetDateTime oldest =
        rows(pool, "select min(logged_at) from service_log where service_id = $1", svc.id())
            .getFirst()
            .getOffsetDateTime(0);
    for (int i = 1; i <= 60; i++) {
      rows(
          pool,
          "insert into service_log (service_id, logged_at, level, message) values ($1, $2, 'INFO',"
              + " $3)",
          svc.id(),
          oldest.minusHours(48).plusMinutes(i),
          "Backfilled line " + i);
    }

    ServiceLogs logs = technical.logs(svc.customerId(), svc.id(), "7d").await().atMost(WAIT);

    assertEquals(TechnicalService.MAX_LOG_LINES, logs.lines().size());
    assertTrue(logs.truncated());
    assertTrue(logs.lines().getLast().at().isEqual(newestLog(svc.id())));
    List<Row> fiftyNewest =
        rows(
            pool,
            "select logged_at from service_log where service_id = $1 order by logged_at desc, id"
                + " desc limit 50",
            svc.id());
    assertTrue(logs.lines().getFirst().at().isEqual(fiftyNewest.getLast().getOffsetDateTime(0)));
  }

  @Test
  void anUnparseableSinceIsRefusedWithTheFormsItAccepts() {
    Svc svc = service(HEALTHY);
    ToolRefused refusal = refused(technical.logs(svc.customerId(), svc.id(), "since yesterday"));
    assertTrue(refusal.getMessage().contains("ISO-8601"), refusal.getMessage());
    assertTrue(refusal.getMessage().contains("24h"), refusal.getMessage());
  }

  @Test
  void anotherCustomersServiceIsRefusedExactlyLikeAMissingOne() {
    Svc theirs = service("true");
    Svc mine = service("customer_id <> '" + theirs.customerId() + "'");
    long logsBefore =
        count(pool, "select count(*) from service_log where service_id = $1", theirs.id());
    String expected = "service %s not found for this customer".formatted(theirs.id());

    assertEquals(
        expected, refused(technical.logs(mine.customerId(), theirs.id(), "1h")).getMessage());
    assertEquals(
        expected, refused(technical.diagnose(mine.customerId(), theirs.id())).getMessage());
    assertEquals(expected, refused(restart(mine.customerId(), theirs.id())).getMessage());
    assertEquals(
        "service svc_9999 not found for this customer",
        refused(technical.diagnose(mine.customerId(), "svc_9999")).getMessage());
    assertEquals(
        logsBefore,
        count(pool, "select count(*) from service_log where service_id = $1", theirs.id()));
    assertEquals(
        0, count(pool, "select count(*) from service_restart where service_id = $1", theirs.id()));
  }

  /** A restart as the tool gate runs it: in one transaction, under the gate's key. */
  private Uni<RestartResult> restart(String customerId, String serviceId) {
    String key = "test:" + UUID.randomUUID();
    return pool.withTransaction(conn -> technical.restart(conn, customerId, key, serviceId));
  }

  @Test
  void aRestartRecoversTheServiceAndLogsIt() {
    // Down on failed health checks only (no OOM, no crash loop): the plain restart story.
    Svc svc =
        service(
            "status = 'down' and last_exit_code is null and failed_health_checks >= 3"
                + " and restart_count < 3");
    Row before = rows(pool, "select restart_count from service where id = $1", svc.id()).getFirst();

    RestartResult first = restart(svc.customerId(), svc.id()).await().atMost(WAIT);

    assertEquals("down", first.previousStatus());
    assertEquals("running", first.status());
    assertEquals(before.getInteger(0) + 1, first.restartCount());
    Row after =
        rows(
                pool,
                "select status, restart_count, failed_health_checks, last_exit_code, updated_at"
                    + " from service where id = $1",
                svc.id())
            .getFirst();
    assertEquals("running", after.getString("status"));
    assertEquals(before.getInteger(0) + 1, after.getInteger("restart_count"));
    assertEquals(0, after.getInteger("failed_health_checks"));
    assertNull(after.getInteger("last_exit_code"));
    assertTrue(after.getOffsetDateTime("updated_at").isEqual(first.restartedAt()));
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from service_log where service_id = $1 and message = $2",
            svc.id(),
            TechnicalService.RESTART_LOG_LINE));
    assertEquals(
        1, count(pool, "select count(*) from service_restart where service_id = $1", svc.id()));

    Diagnostics now = technical.diagnose(svc.customerId(), svc.id()).await().atMost(WAIT);
    assertEquals("ok", statuses(now).get("health_checks"));
    assertTrue(now.asOf().isEqual(first.restartedAt()), "measured from the restart's log line");
  }

  @Test
  void aServiceItsOwnerStoppedIsNotRestarted() {
    Svc svc = service("status = 'stopped'");
    Row before =
        rows(pool, "select status, restart_count, updated_at from service where id = $1", svc.id())
            .getFirst();
    long logsBefore =
        count(pool, "select count(*) from service_log where service_id = $1", svc.id());

    ToolRefused refusal = refused(restart(svc.customerId(), svc.id()));

    assertTrue(refusal.getMessage().contains("stopped by its owner"), refusal.getMessage());
    Row after =
        rows(pool, "select status, restart_count, updated_at from service where id = $1", svc.id())
            .getFirst();
    assertEquals(before.getString(0), after.getString(0));
    assertEquals(before.getInteger(1), after.getInteger(1));
    assertEquals(before.getOffsetDateTime(2), after.getOffsetDateTime(2));
    assertEquals(
        logsBefore,
        count(pool, "select count(*) from service_log where service_id = $1", svc.id()));
    assertEquals(
        "stopped", technical.diagnose(svc.customerId(), svc.id()).await().atMost(WAIT).verdict());
  }

  @Test
  void anOutOfMemoryServiceIsUnhealthyAndNeedsMoreMemory() {
    Svc svc = service("last_exit_code = 137");
    Row r = rows(pool, "select memory_limit_mb from service where id = $1", svc.id()).getFirst();

    Diagnostics d = technical.diagnose(svc.customerId(), svc.id()).await().atMost(WAIT);

    assertEquals("unhealthy", d.verdict());
    Map<String, String> checks = statuses(d);
    assertEquals("fail", checks.get("status"));
    assertEquals("fail", checks.get("memory"));
    assertEquals("fail", checks.get("health_checks"));
    assertEquals("fail", checks.get("recent_logs"));
    assertTrue(
        detail(d, "recent_logs").contains("latest error: \"Health check failed 3 times"),
        detail(d, "recent_logs"));
    assertTrue(
        detail(d, "recent_logs").startsWith("2 errors and 1 warning"), detail(d, "recent_logs"));
    assertTrue(
        d.recommendedAction().startsWith("Raise the memory limit above " + r.getInteger(0) + " MB"),
        d.recommendedAction());
    assertTrue(d.asOf().isEqual(newestLog(svc.id())));
  }

  @Test
  void aHealthyServicePassesEveryCheck() {
    Svc svc = service(HEALTHY);

    Diagnostics d = technical.diagnose(svc.customerId(), svc.id()).await().atMost(WAIT);

    assertEquals("healthy", d.verdict(), "" + d.checks());
    assertTrue(d.checks().stream().allMatch(c -> c.status().equals("ok")), "" + d.checks());
    assertEquals("No action needed: the service looks healthy.", d.recommendedAction());
  }

  @Test
  void aCrashLoopPointsAtTheMissingEnvironmentVariable() {
    Svc svc = service("last_exit_code = 1");

    Diagnostics d = technical.diagnose(svc.customerId(), svc.id()).await().atMost(WAIT);

    assertEquals("unhealthy", d.verdict());
    assertEquals("fail", statuses(d).get("restarts"));
    assertTrue(
        d.recommendedAction().startsWith("Set the missing DATABASE_URL"), d.recommendedAction());
  }

  @Test
  void certificatesAreJudgedAgainstTheNewestLogLineNotTheWallClock() {
    Svc expired = service("status = 'down' and cert_expires_at < timestamptz '2026-11-01Z'");
    Svc expiring =
        service(
            "status = 'degraded' and cert_expires_at between timestamptz '2026-11-01Z' and"
                + " timestamptz '2026-11-07Z'");

    Diagnostics gone = technical.diagnose(expired.customerId(), expired.id()).await().atMost(WAIT);
    Diagnostics soon =
        technical.diagnose(expiring.customerId(), expiring.id()).await().atMost(WAIT);

    assertEquals("fail", statuses(gone).get("tls_certificate"));
    assertTrue(gone.recommendedAction().startsWith("Renew the TLS certificate"));
    assertEquals("warn", statuses(soon).get("tls_certificate"), detail(soon, "tls_certificate"));
    assertEquals("degraded", soon.verdict());
    assertTrue(soon.recommendedAction().startsWith("Renew the TLS certificate before"));
  }

  private static Map<String, String> statuses(Diagnostics d) {
    return d.checks().stream()
        .collect(Collectors.toMap(DiagnosticCheck::name, DiagnosticCheck::status));
  }

  private static String detail(Diagnostics d, String check) {
    return d.checks().stream()
        .filter(c -> c.name().equals(check))
        .findFirst()
        .orElseThrow()
        .detail();
  }
}
