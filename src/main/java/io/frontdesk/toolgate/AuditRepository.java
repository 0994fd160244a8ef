package io.frontdesk.toolgate;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * The append-only audit log (table audit_log, which refuses updates and deletes) over the reactive
 * SQL client: an entry is written in the transaction of what it records.
 */
@ApplicationScoped
class AuditRepository {

  /** What an administrator filters the log by; a null field does not filter. */
  record Filter(
      String customerId,
      String action,
      String decision,
      String actorId,
      OffsetDateTime since,
      int limit) {}

  private final Pool pool;

  AuditRepository(Pool pool) {
    this.pool = pool;
  }

  /** Appends the entry in {@code db}'s transaction, its result as given (already cut to size). */
  Uni<Void> append(SqlClient db, AuditEntry e, String result, OffsetDateTime at) {
    return db.preparedQuery(
            "insert into audit_log (occurred_at, actor_type, actor_id, customer_id,"
                + " conversation_id, action, arguments, decision, reason, result) values ($1, $2,"
                + " $3, $4, $5, $6, $7, $8, $9, $10)")
        .execute(
            Tuple.from(
                Arrays.asList(
                    at,
                    e.actorType(),
                    e.actorId(),
                    e.customerId(),
                    e.conversationId(),
                    e.action(),
                    e.arguments() == null ? null : new JsonObject(e.arguments()),
                    e.decision(),
                    e.reason(),
                    result)))
        .replaceWithVoid();
  }

  /** Entries matching the filter, newest first. */
  Uni<List<AuditRow>> search(Filter f) {
    return pool.preparedQuery(
            "select * from audit_log where ($1::text is null or customer_id = $1) and ($2::text is"
                + " null or action = $2) and ($3::text is null or decision = $3) and ($4::text is"
                + " null or actor_id = $4) and ($5::timestamptz is null or occurred_at >= $5)"
                + " order by id desc limit $6")
        .execute(
            Tuple.from(
                Arrays.asList(
                    f.customerId(), f.action(), f.decision(), f.actorId(), f.since(), f.limit())))
        .map(rows -> Rows.list(rows, AuditRepository::row));
  }

  private static AuditRow row(Row r) {
    JsonObject args = (JsonObject) r.getValue("arguments");
    return new AuditRow(
        r.getLong("id"),
        r.getOffsetDateTime("occurred_at"),
        r.getString("actor_type"),
        r.getString("actor_id"),
        r.getString("customer_id"),
        r.getUUID("conversation_id"),
        r.getString("action"),
        args == null ? null : args.getMap(),
        r.getString("decision"),
        r.getString("reason"),
        r.getString("result"));
  }
}
