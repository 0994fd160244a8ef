package io.frontdesk.technical;

import io.frontdesk.technical.Diagnosis.RecentLogs;
import io.frontdesk.technical.Diagnosis.ServiceState;
import io.frontdesk.toolgate.Backend;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The customer's deployed services: their logs, restarts and diagnostics. Another customer's
 * service is reported exactly like a missing one.
 *
 * <p>Times are measured from a service's newest log line, not from the wall clock: the demo data is
 * generated relative to a fixed date (DemoDataset.ANCHOR), so "the last 24 h" or "expires in 4
 * days" measured from today would drift away from the story the logs tell. For a live service the
 * newest log line is close to now anyway.
 *
 * <p>Look-ups have the backend's fault tolerance ({@link BackendGuards}): refusals are neither
 * retried nor counted. A restart runs in the tool gate's transaction, which applies the same policy
 * around the whole transaction.
 */
@ApplicationScoped
public class TechnicalService {

  static final int MAX_LOG_LINES = 50;
  static final Duration RECENT = Duration.ofHours(24);
  static final String RESTART_LOG_LINE = "Service restarted by Frontdesk support agent";

  private final Pool pool;

  TechnicalService(Pool pool) {
    this.pool = pool;
  }

  @Backend(BackendGuards.TECHNICAL)
  public Uni<ServiceList> services(String customerId) {
    return pool.preparedQuery(
            "select id, name, type, region, status from service where customer_id = $1 order by id")
        .execute(Tuple.of(customerId))
        .map(
            rows -> {
              List<ServiceSummary> services = new ArrayList<>();
              for (Row r : rows) {
                services.add(
                    new ServiceSummary(
                        r.getString("id"),
                        r.getString("name"),
                        r.getString("type"),
                        r.getString("region"),
                        r.getString("status")));
              }
              Map<String, Long> byStatus =
                  services.stream()
                      .collect(
                          Collectors.groupingBy(
                              ServiceSummary::status, TreeMap::new, Collectors.counting()));
              String summary =
                  services.isEmpty()
                      ? "The customer has no services."
                      : "%d service%s: %s"
                          .formatted(
                              services.size(),
                              services.size() == 1 ? "" : "s",
                              byStatus.entrySet().stream()
                                  .map(e -> e.getValue() + " " + e.getKey())
                                  .collect(Collectors.joining(", ")));
              return new ServiceList(summary, services);
            });
  }

  /** The newest {@value #MAX_LOG_LINES} lines at or after {@code since}, oldest first. */
  @Backend(BackendGuards.TECHNICAL)
  public Uni<ServiceLogs> logs(String customerId, String serviceId, String since) {
    LogWindow window;
    try {
      window = LogWindow.parse(since == null || since.isBlank() ? "24h" : since);
    } catch (ToolRefused refused) {
      return Uni.createFrom().failure(refused);
    }
    return state(customerId, serviceId)
        .chain(
            s -> {
              OffsetDateTime from = window.from(s.asOf());
              return pool.preparedQuery(
                      "select logged_at, level, message from service_log where service_id = $1"
                          + " and logged_at >= $2 order by logged_at desc, id desc limit $3")
                  .execute(Tuple.of(s.id(), from, MAX_LOG_LINES + 1))
                  .map(
                      rows -> {
                        List<LogLine> lines = new ArrayList<>();
                        rows.forEach(r -> lines.add(line(r)));
                        boolean truncated = lines.size() > MAX_LOG_LINES;
                        List<LogLine> kept =
                            lines.subList(0, Math.min(lines.size(), MAX_LOG_LINES)).reversed();
                        return new ServiceLogs(
                            s.id(), s.name(), from, s.newestLogAt(), truncated, List.copyOf(kept));
                      });
            });
  }

  /**
   * Restarts a service that is not stopped by its owner, inside the tool gate's transaction ({@code
   * conn}: the idempotency record and the audit row commit with it), holding the service's row
   * lock. The gate's key is stored on service_restart too, a second unique guard.
   */
  public Uni<RestartResult> restart(
      SqlConnection conn, String customerId, String idempotencyKey, String serviceId) {
    String id = serviceId.strip();
    return conn.preparedQuery(
            "select id, name, status, restart_count from service where id = $1 and"
                + " customer_id = $2 for update")
        .execute(Tuple.of(id, customerId))
        .chain(
            rows ->
                rows.iterator().hasNext()
                    ? restart(conn, customerId, rows.iterator().next(), idempotencyKey)
                    : notFound(id));
  }

  @Backend(BackendGuards.TECHNICAL)
  public Uni<Diagnostics> diagnose(String customerId, String serviceId) {
    return state(customerId, serviceId)
        .chain(
            s ->
                pool.preparedQuery(
                        """
                        select logged_at, level, message,
                               count(*) filter (where level = 'ERROR') over () as errors,
                               count(*) filter (where level = 'WARN') over () as warnings
                          from service_log
                         where service_id = $1 and logged_at >= $2 and level in ('ERROR', 'WARN')
                         order by logged_at desc, id desc
                         limit $3
                        """)
                    .execute(Tuple.of(s.id(), s.asOf().minus(RECENT), MAX_LOG_LINES))
                    .map(
                        rows -> {
                          List<LogLine> lines = new ArrayList<>();
                          long errors = 0;
                          long warnings = 0;
                          for (Row r : rows) {
                            lines.add(line(r));
                            errors = r.getLong("errors");
                            warnings = r.getLong("warnings");
                          }
                          return Diagnosis.of(s, new RecentLogs(errors, warnings, lines));
                        }));
  }

  private static Uni<RestartResult> restart(
      SqlConnection conn, String customerId, Row service, String key) {
    String id = service.getString("id");
    String previous = service.getString("status");
    if (previous.equals("stopped")) {
      return Uni.createFrom()
          .failure(
              new ToolRefused(
                  "service %s was stopped by its owner; only the owner can start it again, from"
                          .formatted(id)
                      + " the Skyline console"));
    }
    // PostgreSQL keeps microseconds; the result reports exactly what was stored.
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    return conn.preparedQuery(
            "update service set status = 'running', restart_count = restart_count + 1,"
                + " failed_health_checks = 0, last_exit_code = null, updated_at = $2 where id = $1"
                + " returning restart_count")
        .execute(Tuple.of(id, now))
        .chain(
            updated ->
                conn.preparedQuery(
                        "insert into service_log (service_id, logged_at, level, message) values"
                            + " ($1, $2, 'INFO', $3)")
                    .execute(Tuple.of(id, now, RESTART_LOG_LINE))
                    .chain(
                        () ->
                            conn.preparedQuery(
                                    "insert into service_restart (service_id, customer_id,"
                                        + " previous_status, idempotency_key, restarted_at) values"
                                        + " ($1, $2, $3, $4, $5)")
                                .execute(Tuple.of(id, customerId, previous, key, now)))
                    .replaceWith(
                        new RestartResult(
                            id,
                            service.getString("name"),
                            previous,
                            "running",
                            updated.iterator().next().getInteger("restart_count"),
                            now,
                            ("Restarted %s (%s): it was %s and is running now. A restart does not"
                                    + " fix the cause; run_diagnostics shows it.")
                                .formatted(service.getString("name"), id, previous))));
  }

  /** The service's metrics, measured as of its newest log line (see the class comment). */
  private Uni<ServiceState> state(String customerId, String serviceId) {
    String id = serviceId.strip();
    return pool.preparedQuery(
            "select s.*, (select max(l.logged_at) from service_log l where l.service_id = s.id) as"
                + " newest_log from service s where s.id = $1 and s.customer_id = $2")
        .execute(Tuple.of(id, customerId))
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return notFound(id);
              }
              Row r = rows.iterator().next();
              OffsetDateTime newest = r.getOffsetDateTime("newest_log");
              return Uni.createFrom()
                  .item(
                      new ServiceState(
                          r.getString("id"),
                          r.getString("name"),
                          r.getString("status"),
                          r.getInteger("memory_limit_mb"),
                          r.getInteger("memory_used_mb"),
                          r.getInteger("restart_count"),
                          r.getInteger("last_exit_code"),
                          r.getInteger("failed_health_checks"),
                          r.getOffsetDateTime("cert_expires_at"),
                          newest,
                          newest != null ? newest : OffsetDateTime.now(ZoneOffset.UTC)));
            });
  }

  private static LogLine line(Row r) {
    return new LogLine(
        r.getOffsetDateTime("logged_at"), r.getString("level"), r.getString("message"));
  }

  private static <T> Uni<T> notFound(String serviceId) {
    return Uni.createFrom().failure(ToolRefused.notYours("service", serviceId));
  }
}
