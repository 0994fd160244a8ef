package io.frontdesk.toolgate;

import io.frontdesk.telemetry.SupportMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The append-only audit log (the table refuses updates and deletes): writes entries, counting the
 * gate's decisions, and reads them for administrators.
 */
@ApplicationScoped
public class AuditLog {

  private static final int MAX_RESULT_CHARS = 2000;

  private final Pool pool;
  private final AuditRepository entries;
  private final SupportMetrics metrics;

  AuditLog(Pool pool, AuditRepository entries, SupportMetrics metrics) {
    this.pool = pool;
    this.entries = entries;
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
    return entries.append(db, e, result, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /** Entries matching the filter, newest first. */
  Uni<List<AuditRow>> search(AuditRepository.Filter filter) {
    return entries.search(filter);
  }
}
