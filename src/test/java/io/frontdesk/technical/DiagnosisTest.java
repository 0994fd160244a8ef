package io.frontdesk.technical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.technical.Diagnosis.RecentLogs;
import io.frontdesk.technical.Diagnosis.ServiceState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The diagnostic rules on hand-made services; DiagnosticsTest runs them on the demo data. */
class DiagnosisTest {

  private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-10-31T23:13:00Z");
  private static final RecentLogs QUIET = new RecentLogs(0, 0, List.of());

  private static ServiceState service(
      String status, int used, int restarts, Integer exit, int failedChecks, Integer certDays) {
    return new ServiceState(
        "svc_9999",
        "checkout-web",
        status,
        512,
        used,
        restarts,
        exit,
        failedChecks,
        certDays == null ? null : AS_OF.plusDays(certDays),
        AS_OF,
        AS_OF);
  }

  private static Map<String, String> statuses(Diagnostics d) {
    return d.checks().stream()
        .collect(Collectors.toMap(DiagnosticCheck::name, DiagnosticCheck::status));
  }

  @Test
  void aQuietServiceIsHealthy() {
    Diagnostics d = Diagnosis.of(service("running", 200, 1, null, 0, 60), QUIET);
    assertEquals("healthy", d.verdict());
    assertEquals(
        List.of("status", "memory", "restarts", "health_checks", "tls_certificate", "recent_logs"),
        d.checks().stream().map(DiagnosticCheck::name).toList());
    assertTrue(d.checks().stream().allMatch(c -> c.status().equals("ok")), "" + d.checks());
    assertEquals("No action needed: the service looks healthy.", d.recommendedAction());
  }

  @Test
  void memoryWarnsFromNinetyPercentAndFailsOnAnOutOfMemoryKill() {
    assertEquals(
        "ok",
        statuses(Diagnosis.of(service("running", 460, 0, null, 0, null), QUIET)).get("memory"));
    Diagnostics high = Diagnosis.of(service("degraded", 461, 0, null, 0, null), QUIET);
    assertEquals("warn", statuses(high).get("memory"));
    assertEquals("degraded", high.verdict());
    assertTrue(high.recommendedAction().startsWith("Raise the memory limit"));
    Diagnostics oom = Diagnosis.of(service("down", 512, 4, 137, 3, null), QUIET);
    assertEquals("fail", statuses(oom).get("memory"));
    assertEquals("unhealthy", oom.verdict());
    assertTrue(oom.recommendedAction().startsWith("Raise the memory limit above 512 MB"));
  }

  @Test
  void aCrashLoopNamesTheMissingVariableFromTheLogs() {
    RecentLogs logs =
        new RecentLogs(
            2,
            0,
            List.of(
                new LogLine(AS_OF, "ERROR", "Back-off restarting failed container (crash loop)"),
                new LogLine(
                    AS_OF.minusMinutes(1),
                    "ERROR",
                    "Process exited with code 1: missing environment variable DATABASE_URL")));
    Diagnostics d = Diagnosis.of(service("down", 100, 12, 1, 4, null), logs);
    assertEquals("fail", statuses(d).get("restarts"));
    assertEquals("fail", statuses(d).get("recent_logs"));
    assertTrue(
        d.checks().get(5).detail().contains("latest error: \"Back-off restarting failed container"),
        d.checks().get(5).detail());
    assertTrue(d.recommendedAction().contains("Set the missing DATABASE_URL"));
    assertEquals(
        "fail",
        statuses(Diagnosis.of(service("down", 100, 10, null, 0, null), QUIET)).get("restarts"));
    assertEquals(
        "warn",
        statuses(Diagnosis.of(service("down", 100, 3, null, 0, null), QUIET)).get("restarts"));
  }

  @Test
  void certificatesWarnInTheirLastWeekAndFailOnceExpired() {
    assertEquals(
        "ok",
        statuses(Diagnosis.of(service("running", 100, 0, null, 0, 7), QUIET))
            .get("tls_certificate"));
    Diagnostics expiring = Diagnosis.of(service("degraded", 100, 0, null, 0, 4), QUIET);
    assertEquals("warn", statuses(expiring).get("tls_certificate"));
    assertTrue(expiring.recommendedAction().startsWith("Renew the TLS certificate before"));
    Diagnostics expired = Diagnosis.of(service("down", 100, 0, null, 0, -1), QUIET);
    assertEquals("fail", statuses(expired).get("tls_certificate"));
    assertTrue(expired.recommendedAction().startsWith("Renew the TLS certificate (it expired"));
  }

  @Test
  void healthChecksFailFromThreeInARow() {
    assertEquals(
        "warn",
        statuses(Diagnosis.of(service("degraded", 100, 0, null, 2, null), QUIET))
            .get("health_checks"));
    Diagnostics d = Diagnosis.of(service("down", 100, 0, null, 3, null), QUIET);
    assertEquals("fail", statuses(d).get("health_checks"));
    assertTrue(d.recommendedAction().startsWith("Restart the service"));
  }

  @Test
  void aStoppedServiceIsLeftToItsOwner() {
    Diagnostics d = Diagnosis.of(service("stopped", 0, 0, 0, 0, null), QUIET);
    assertEquals("stopped", d.verdict());
    assertTrue(d.recommendedAction().contains("only they can start it again"));
  }
}
