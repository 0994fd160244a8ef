package io.frontdesk.technical;

import static io.frontdesk.technical.DiagnosticCheck.FAIL;
import static io.frontdesk.technical.DiagnosticCheck.OK;
import static io.frontdesk.technical.DiagnosticCheck.WARN;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Diagnoses a service from its metrics and recent log problems: no I/O, no randomness. */
final class Diagnosis {

  static final int OUT_OF_MEMORY_EXIT = 137;
  static final int RESTARTS_WARN = 3;
  static final int CRASH_LOOP_RESTARTS = 10;
  static final int MEMORY_WARN_PERCENT = 90;
  static final int FAILED_HEALTH_CHECKS = 3;
  static final Duration CERT_WARN = Duration.ofDays(7);

  private static final Pattern MISSING_ENV = Pattern.compile("missing environment variable (\\w+)");

  /**
   * A service's metrics; {@code asOf} is the time its checks are measured at: its newest log line
   * ({@code newestLogAt}, null without logs) or else now.
   */
  record ServiceState(
      String id,
      String name,
      String status,
      int memoryLimitMb,
      int memoryUsedMb,
      int restartCount,
      Integer lastExitCode,
      int failedHealthChecks,
      OffsetDateTime certExpiresAt,
      OffsetDateTime newestLogAt,
      OffsetDateTime asOf) {}

  /** ERROR and WARN lines of the last 24 h of logs: the counts, and the newest lines first. */
  record RecentLogs(long errors, long warnings, List<LogLine> newestFirst) {

    Optional<String> latest(String level) {
      return newestFirst.stream()
          .filter(l -> l.level().equals(level))
          .map(LogLine::message)
          .findFirst();
    }
  }

  private Diagnosis() {}

  static Diagnostics of(ServiceState s, RecentLogs logs) {
    List<DiagnosticCheck> checks =
        List.of(
            status(s), memory(s), restarts(s), healthChecks(s), certificate(s), recentLogs(logs));
    String verdict =
        s.status().equals("stopped")
            ? "stopped"
            : has(checks, FAIL) ? "unhealthy" : has(checks, WARN) ? "degraded" : "healthy";
    return new Diagnostics(
        s.id(), s.name(), s.status(), verdict, checks, action(s, checks, logs), s.asOf());
  }

  private static DiagnosticCheck status(ServiceState s) {
    return switch (s.status()) {
      case "running" -> new DiagnosticCheck("status", OK, "running");
      case "down" -> new DiagnosticCheck("status", FAIL, "down");
      case "stopped" -> new DiagnosticCheck("status", WARN, "stopped by its owner");
      default -> new DiagnosticCheck("status", WARN, s.status());
    };
  }

  private static DiagnosticCheck memory(ServiceState s) {
    int percent = s.memoryLimitMb() == 0 ? 0 : s.memoryUsedMb() * 100 / s.memoryLimitMb();
    String usage =
        "using %d of %d MB (%d%%)".formatted(s.memoryUsedMb(), s.memoryLimitMb(), percent);
    if (exited(s, OUT_OF_MEMORY_EXIT)) {
      return new DiagnosticCheck(
          "memory", FAIL, "killed for running out of memory (exit code 137); " + usage);
    }
    return percent >= MEMORY_WARN_PERCENT
        ? new DiagnosticCheck("memory", WARN, usage + ", close to the limit")
        : new DiagnosticCheck("memory", OK, usage);
  }

  private static DiagnosticCheck restarts(ServiceState s) {
    String detail =
        "restarted %d times%s"
            .formatted(
                s.restartCount(),
                s.lastExitCode() == null ? "" : ", last exit code " + s.lastExitCode());
    if (s.restartCount() >= CRASH_LOOP_RESTARTS || exited(s, 1)) {
      return new DiagnosticCheck("restarts", FAIL, "crash loop: " + detail);
    }
    return new DiagnosticCheck("restarts", s.restartCount() >= RESTARTS_WARN ? WARN : OK, detail);
  }

  private static DiagnosticCheck healthChecks(ServiceState s) {
    int failed = s.failedHealthChecks();
    if (failed == 0) {
      return new DiagnosticCheck("health_checks", OK, "passing");
    }
    return new DiagnosticCheck(
        "health_checks",
        failed >= FAILED_HEALTH_CHECKS ? FAIL : WARN,
        "%d consecutive failed health checks".formatted(failed));
  }

  private static DiagnosticCheck certificate(ServiceState s) {
    OffsetDateTime expires = s.certExpiresAt();
    if (expires == null) {
      return new DiagnosticCheck("tls_certificate", OK, "no TLS certificate on this service");
    }
    if (!expires.isAfter(s.asOf())) {
      return new DiagnosticCheck(
          "tls_certificate", FAIL, "expired on " + expires.toLocalDate() + "; renew it");
    }
    long days = Duration.between(s.asOf(), expires).toDays();
    String in = days == 0 ? "in less than a day" : "in %d days".formatted(days);
    return Duration.between(s.asOf(), expires).compareTo(CERT_WARN) < 0
        ? new DiagnosticCheck(
            "tls_certificate", WARN, "expires on %s, %s".formatted(expires.toLocalDate(), in))
        : new DiagnosticCheck(
            "tls_certificate", OK, "valid until %s (%s)".formatted(expires.toLocalDate(), in));
  }

  private static DiagnosticCheck recentLogs(RecentLogs logs) {
    String counts =
        "%d error%s and %d warning%s in the last 24 h of logs"
            .formatted(
                logs.errors(),
                logs.errors() == 1 ? "" : "s",
                logs.warnings(),
                logs.warnings() == 1 ? "" : "s");
    Optional<String> error = logs.latest("ERROR");
    if (logs.errors() > 0 && error.isPresent()) {
      return new DiagnosticCheck(
          "recent_logs", FAIL, counts + "; latest error: \"" + error.get() + "\"");
    }
    Optional<String> warning = logs.latest("WARN");
    if (logs.warnings() > 0 && warning.isPresent()) {
      return new DiagnosticCheck(
          "recent_logs", WARN, counts + "; latest warning: \"" + warning.get() + "\"");
    }
    return new DiagnosticCheck("recent_logs", OK, "no errors or warnings in the last 24 h of logs");
  }

  /** The one thing to do first, most fundamental cause first. */
  private static String action(ServiceState s, List<DiagnosticCheck> checks, RecentLogs logs) {
    if (s.status().equals("stopped")) {
      return "None by support: the owner stopped this service and only they can start it again"
          + " from the Skyline console.";
    }
    if (exited(s, OUT_OF_MEMORY_EXIT)) {
      return ("Raise the memory limit above %d MB (or reduce the service's memory use), then"
              + " restart the service; restarting alone will run out of memory again.")
          .formatted(s.memoryLimitMb());
    }
    if (status(checks, "restarts").equals(FAIL)) {
      Optional<String> missing =
          logs.newestFirst().stream()
              .filter(l -> l.level().equals("ERROR"))
              .map(l -> MISSING_ENV.matcher(l.message()))
              .filter(Matcher::find)
              .map(m -> m.group(1))
              .findFirst();
      return missing
          .map(
              name ->
                  "Set the missing %s environment variable in the service's settings and redeploy;"
                          .formatted(name)
                      + " restarting alone will crash again.")
          .orElse(
              "Fix the start-up error in the logs and redeploy; restarting alone will crash"
                  + " again.");
    }
    if (status(checks, "tls_certificate").equals(FAIL)) {
      return "Renew the TLS certificate (it expired on %s), then restart the service."
          .formatted(s.certExpiresAt().toLocalDate());
    }
    if (status(checks, "health_checks").equals(FAIL) || s.status().equals("down")) {
      return "Restart the service; if health checks keep failing, check its health endpoint.";
    }
    if (status(checks, "tls_certificate").equals(WARN)) {
      return "Renew the TLS certificate before it expires on %s."
          .formatted(s.certExpiresAt().toLocalDate());
    }
    if (status(checks, "memory").equals(WARN)) {
      return "Raise the memory limit (now %d MB) before the service runs out of memory."
          .formatted(s.memoryLimitMb());
    }
    if (logs.newestFirst().stream()
        .anyMatch(l -> l.level().equals("WARN") && l.message().contains("pool exhausted"))) {
      return "Raise the database connection pool size or find the slow queries holding"
          + " connections.";
    }
    if (has(checks, WARN)) {
      return "No urgent action; watch the warnings above and run diagnostics again if they"
          + " persist.";
    }
    return "No action needed: the service looks healthy.";
  }

  private static boolean exited(ServiceState s, int code) {
    return s.lastExitCode() != null && s.lastExitCode() == code;
  }

  private static boolean has(List<DiagnosticCheck> checks, String status) {
    return checks.stream().anyMatch(c -> c.status().equals(status));
  }

  private static String status(List<DiagnosticCheck> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().status();
  }
}
