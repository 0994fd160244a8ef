package io.frontdesk.toolgate;

import io.frontdesk.observability.SupportMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Writes the append-only audit log (the table refuses updates and deletes). */
@ApplicationScoped
public class AuditLog {

  private static final int MAX_RESULT_CHARS = 2000;

  private final Pool pool;

  private final SupportMetrics metrics;

  AuditLog(Pool pool, SupportMetrics metrics) {
    this.pool = pool;
    this.metrics = metrics;
  }

  public Uni<Void> write(AuditEntry e) {
    return write(pool, e);
  }

  /** Writes the entry inside the caller's transaction: it commits with what it records. */
  public Uni<Void> write(SqlClient db, AuditEntry e) {
    if ("agent".equals(e.actorType())) {
      metrics.toolDecision(e.action(), e.decision());
    }
    String result =
        e.result() == null || e.result().length() <= MAX_RESULT_CHARS
            ? e.result()
            : e.result().substring(0, MAX_RESULT_CHARS) + "…";
    return db.preparedQuery(
            "insert into audit_log (occurred_at, actor_type, actor_id, customer_id,"
                + " conversation_id, action, arguments, decision, reason, result) values ($1, $2,"
                + " $3, $4, $5, $6, $7, $8, $9, $10)")
        .execute(
            Tuple.from(
                Arrays.asList(
                    OffsetDateTime.now(ZoneOffset.UTC),
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
}
