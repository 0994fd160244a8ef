package io.frontdesk.approval;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Approvals in PostgreSQL: they survive restarts and any replica can decide them. */
@ApplicationScoped
class ApprovalRepository {

  static final int MAX_LIST = 200;

  Uni<Void> insert(
      SqlClient db,
      UUID id,
      UUID conversationId,
      UUID turnId,
      String callId,
      String customerId,
      String idempotencyKey,
      String agent,
      String tool,
      Map<String, Object> arguments,
      String risk,
      double confidence,
      String policy,
      String reason,
      OffsetDateTime requestedAt,
      OffsetDateTime expiresAt) {
    return db.preparedQuery(
            "insert into approval (id, conversation_id, turn_id, call_id, customer_id, agent,"
                + " tool_name, arguments, risk_level, confidence, status, idempotency_key, policy,"
                + " reason, requested_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                + " $10, 'pending', $11, $12, $13, $14, $15)")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    conversationId,
                    turnId,
                    callId,
                    customerId,
                    agent,
                    tool,
                    new JsonObject(io.vertx.core.json.Json.encode(arguments)),
                    risk,
                    BigDecimal.valueOf(confidence).setScale(3, java.math.RoundingMode.HALF_UP),
                    idempotencyKey,
                    policy,
                    reason,
                    requestedAt,
                    expiresAt)))
        .replaceWithVoid();
  }

  /** The request still waiting (or running) for this call, if any: asked again, it is reused. */
  Uni<Optional<Approval>> live(SqlClient db, String idempotencyKey) {
    return db.preparedQuery(
            "select * from approval where idempotency_key = $1 and status in ('pending',"
                + " 'approved') for update")
        .execute(Tuple.of(idempotencyKey))
        .map(ApprovalRepository::first);
  }

  /** The approval, locked until the transaction ends (decisions on it wait for each other). */
  Uni<Optional<Approval>> lock(SqlClient db, UUID id) {
    return db.preparedQuery("select * from approval where id = $1 for update")
        .execute(Tuple.of(id))
        .map(ApprovalRepository::first);
  }

  Uni<Optional<Approval>> find(SqlClient db, UUID id) {
    return db.preparedQuery("select * from approval where id = $1")
        .execute(Tuple.of(id))
        .map(ApprovalRepository::first);
  }

  /** One of a customer's own approvals; another customer's is not found. */
  Uni<Optional<Approval>> findOwned(SqlClient db, UUID id, String customerId) {
    return db.preparedQuery("select * from approval where id = $1 and customer_id = $2")
        .execute(Tuple.of(id, customerId))
        .map(ApprovalRepository::first);
  }

  Uni<List<Approval>> list(SqlClient db, String status, String customerId) {
    return db.preparedQuery(
            "select * from approval where ($1::text is null or status = $1) and ($2::text is null"
                + " or customer_id = $2) order by requested_at desc limit "
                + MAX_LIST)
        .execute(Tuple.of(status, customerId))
        .map(ApprovalRepository::all);
  }

  /**
   * The decision, and its follow-up claimed by the deciding replica's run in the same statement: no
   * other replica picks the follow-up up while that run lives.
   */
  Uni<Void> decide(
      SqlClient db, UUID id, String status, String reviewer, String feedback, UUID run) {
    return db.preparedQuery(
            "update approval set status = $2, decided_at = $3, decided_by = $4, decision_note = $5,"
                + " resuming_replica = $6 where id = $1")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    status,
                    OffsetDateTime.now(java.time.ZoneOffset.UTC),
                    reviewer,
                    feedback,
                    run)))
        .replaceWithVoid();
  }

  Uni<Void> executed(SqlClient db, UUID id, String status, String result, String error) {
    return db.preparedQuery(
            "update approval set status = $2, result = $3, error = $4 where id = $1")
        .execute(Tuple.of(id, status, result, error))
        .replaceWithVoid();
  }

  Uni<Void> resumed(SqlClient db, UUID id, String ticketId) {
    return db.preparedQuery(
            "update approval set resumed_at = $2, ticket_id = coalesce($3, ticket_id) where id = $1")
        .execute(Tuple.of(id, OffsetDateTime.now(java.time.ZoneOffset.UTC), ticketId))
        .replaceWithVoid();
  }

  /**
   * Pending approvals past their expiry, marked expired and returned, each by exactly one replica
   * (rows another replica is expiring are skipped, not waited for).
   */
  Uni<List<Approval>> expire(SqlClient db, OffsetDateTime now, UUID run) {
    return db.preparedQuery(
            "update approval set status = 'expired', decided_at = $1, decided_by = 'system',"
                + " decision_note = 'no reviewer decided in time', resuming_replica = $2 where id"
                + " in (select id from approval where status = 'pending' and expires_at <= $1 order"
                + " by expires_at limit 50 for update skip locked) returning *")
        .execute(Tuple.of(now, run))
        .map(ApprovalRepository::all);
  }

  /**
   * Decided approvals whose outcome a crash or a busy conversation left unfinished (approved but
   * not run, or run/rejected/expired but not yet told to the customer) and that no live replica is
   * carrying: claimed for {@code run} and returned, each by one replica (rows another replica is
   * claiming are skipped). A claim held by a dead run is taken over (see replica_dead in V14).
   */
  Uni<List<Approval>> claimUnfinished(SqlClient db, UUID run, boolean judgeSilence) {
    return db.preparedQuery(
            "update approval set resuming_replica = $1 where id in (select id from approval where"
                + " resumed_at is null and status <> 'pending' and (resuming_replica is null or"
                + " replica_dead(resuming_replica, $2)) order by decided_at limit 20 for update"
                + " skip locked) returning *")
        .execute(Tuple.of(run, judgeSilence))
        .map(ApprovalRepository::all);
  }

  /** The run gives its claim on the follow-up back (the conversation was busy; it failed). */
  Uni<Void> unclaim(SqlClient db, UUID id, UUID run) {
    return db.preparedQuery(
            "update approval set resuming_replica = null where id = $1 and resuming_replica = $2")
        .execute(Tuple.of(id, run))
        .replaceWithVoid();
  }

  private static Optional<Approval> first(RowSet<Row> rows) {
    return Rows.optional(rows, ApprovalRepository::of);
  }

  private static List<Approval> all(RowSet<Row> rows) {
    return Rows.list(rows, ApprovalRepository::of);
  }

  /**
   * The currency of the order a refund is for, to write its amount as the customer was charged
   * (null for any other call, or an unknown order).
   */
  Uni<String> currencyOf(SqlClient db, String tool, Map<String, Object> arguments) {
    Object order = arguments.get("order_id");
    if (!"process_refund".equals(tool) || order == null) {
      return Uni.createFrom().nullItem();
    }
    return db.preparedQuery("select currency from orders where id = $1")
        .execute(Tuple.of(String.valueOf(order)))
        .map(rows -> rows.size() == 0 ? null : Rows.first(rows).getString("currency"));
  }

  private static Approval of(Row r) {
    JsonObject args = (JsonObject) r.getValue("arguments");
    Map<String, Object> arguments = args == null ? Map.of() : args.getMap();
    BigDecimal confidence = r.getBigDecimal("confidence");
    return new Approval(
        r.getUUID("id"),
        r.getUUID("conversation_id"),
        r.getString("customer_id"),
        r.getString("agent"),
        r.getString("tool_name"),
        arguments,
        ApprovalSummaries.describe(r.getString("tool_name"), arguments),
        r.getString("risk_level"),
        confidence == null ? 0.0 : confidence.doubleValue(),
        r.getString("policy"),
        r.getString("reason"),
        r.getString("status"),
        r.getOffsetDateTime("requested_at"),
        r.getOffsetDateTime("expires_at"),
        r.getOffsetDateTime("decided_at"),
        r.getString("decided_by"),
        r.getString("decision_note"),
        r.getString("result"),
        r.getString("error"),
        r.getString("ticket_id"),
        r.getOffsetDateTime("resumed_at"),
        r.getString("idempotency_key"));
  }
}
