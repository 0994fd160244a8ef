package io.frontdesk.technical;

import io.frontdesk.database.Rows;
import io.frontdesk.technical.Diagnosis.RecentLogs;
import io.frontdesk.technical.Diagnosis.ServiceState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The customer's deployed services, their logs and restarts, over the reactive SQL client. Look-ups
 * are scoped to the customer in the statement; a restart's statements run in the tool gate's
 * transaction.
 */
@ApplicationScoped
public class TechnicalRepository {

  /** A service row-locked for a restart. */
  record LockedService(String id, String name, String status) {}

  private final Pool pool;

  TechnicalRepository(Pool pool) {
    this.pool = pool;
  }

  /** The customer's services by id. */
  Uni<List<ServiceSummary>> services(String customerId) {
    return pool.preparedQuery(
            "select id, name, type, region, status from service where customer_id = $1 order by id")
        .execute(Tuple.of(customerId))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new ServiceSummary(
                            r.getString("id"),
                            r.getString("name"),
                            r.getString("type"),
                            r.getString("region"),
                            r.getString("status"))));
  }

  /**
   * One of the customer's services with its metrics, measured as of its newest log line (now when
   * it has none); empty when it is not this customer's.
   */
  Uni<Optional<ServiceState>> state(String customerId, String serviceId) {
    return pool.preparedQuery(
            "select s.*, (select max(l.logged_at) from service_log l where l.service_id = s.id) as"
                + " newest_log from service s where s.id = $1 and s.customer_id = $2")
        .execute(Tuple.of(serviceId, customerId))
        .map(rows -> Rows.optional(rows, TechnicalRepository::state));
  }

  /** At most {@code limit} lines at or after {@code from}, newest first. */
  Uni<List<LogLine>> logs(String serviceId, OffsetDateTime from, int limit) {
    return pool.preparedQuery(
            "select logged_at, level, message from service_log where service_id = $1"
                + " and logged_at >= $2 order by logged_at desc, id desc limit $3")
        .execute(Tuple.of(serviceId, from, limit))
        .map(rows -> Rows.list(rows, TechnicalRepository::line));
  }

  /** ERROR and WARN lines at or after {@code from}: their counts and the newest {@code limit}. */
  Uni<RecentLogs> problems(String serviceId, OffsetDateTime from, int limit) {
    return pool.preparedQuery(
            """
            select logged_at, level, message,
                   count(*) filter (where level = 'ERROR') over () as errors,
                   count(*) filter (where level = 'WARN') over () as warnings
              from service_log
             where service_id = $1 and logged_at >= $2 and level in ('ERROR', 'WARN')
             order by logged_at desc, id desc
             limit $3
            """)
        .execute(Tuple.of(serviceId, from, limit))
        .map(
            rows -> {
              long errors = 0;
              long warnings = 0;
              for (Row r : rows) {
                errors = r.getLong("errors");
                warnings = r.getLong("warnings");
              }
              return new RecentLogs(errors, warnings, Rows.list(rows, TechnicalRepository::line));
            });
  }

  /** The customer's service, row-locked until the transaction ends; empty when not theirs. */
  Uni<Optional<LockedService>> lock(SqlConnection conn, String customerId, String serviceId) {
    return conn.preparedQuery(
            "select id, name, status, restart_count from service where id = $1 and"
                + " customer_id = $2 for update")
        .execute(Tuple.of(serviceId, customerId))
        .map(
            rows ->
                Rows.optional(
                    rows,
                    r ->
                        new LockedService(
                            r.getString("id"), r.getString("name"), r.getString("status"))));
  }

  /** Marks the service running again after a restart; answers its new restart count. */
  Uni<Integer> markRestarted(SqlConnection conn, String serviceId, OffsetDateTime at) {
    return conn.preparedQuery(
            "update service set status = 'running', restart_count = restart_count + 1,"
                + " failed_health_checks = 0, last_exit_code = null, updated_at = $2 where id = $1"
                + " returning restart_count")
        .execute(Tuple.of(serviceId, at))
        .map(rows -> Rows.first(rows).getInteger("restart_count"));
  }

  /** Appends an INFO line to the service's log. */
  Uni<Void> logInfo(SqlConnection conn, String serviceId, OffsetDateTime at, String message) {
    return conn.preparedQuery(
            "insert into service_log (service_id, logged_at, level, message) values"
                + " ($1, $2, 'INFO', $3)")
        .execute(Tuple.of(serviceId, at, message))
        .replaceWithVoid();
  }

  /** Records the restart under the gate's idempotency key (unique: a second guard). */
  Uni<Void> recordRestart(
      SqlConnection conn,
      String serviceId,
      String customerId,
      String previousStatus,
      String idempotencyKey,
      OffsetDateTime at) {
    return conn.preparedQuery(
            "insert into service_restart (service_id, customer_id, previous_status,"
                + " idempotency_key, restarted_at) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(serviceId, customerId, previousStatus, idempotencyKey, at))
        .replaceWithVoid();
  }

  private static ServiceState state(Row r) {
    OffsetDateTime newest = r.getOffsetDateTime("newest_log");
    return new ServiceState(
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
        newest != null ? newest : OffsetDateTime.now(ZoneOffset.UTC));
  }

  private static LogLine line(Row r) {
    return new LogLine(
        r.getOffsetDateTime("logged_at"), r.getString("level"), r.getString("message"));
  }
}
