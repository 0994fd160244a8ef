package io.frontdesk.toolgate;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/**
 * Idempotency records of side effects (table tool_execution), one row per key, over the reactive
 * SQL client: claimed and completed in the side effect's own transaction.
 */
@ApplicationScoped
class ToolExecutionRepository {

  /** A side effect about to run under its idempotency key. */
  record Claim(
      String idempotencyKey,
      String toolName,
      String customerId,
      UUID conversationId,
      JsonObject arguments,
      OffsetDateTime at) {}

  private final Pool pool;

  ToolExecutionRepository(Pool pool) {
    this.pool = pool;
  }

  /** Whether a side effect already ran (or runs, committed) under this key. */
  Uni<Boolean> exists(String idempotencyKey) {
    return pool.preparedQuery("select 1 from tool_execution where idempotency_key = $1")
        .execute(Tuple.of(idempotencyKey))
        .map(rows -> rows.size() > 0);
  }

  /**
   * Claims the key in {@code db}'s transaction; false when another call holds it (after waiting for
   * that call's transaction to end, on any replica: the key is the primary key).
   */
  Uni<Boolean> claim(SqlClient db, Claim claim) {
    return db.preparedQuery(
            "insert into tool_execution (idempotency_key, tool_name, customer_id,"
                + " conversation_id, arguments, executed_at) values ($1, $2, $3, $4, $5, $6)"
                + " on conflict (idempotency_key) do nothing returning idempotency_key")
        .execute(
            Tuple.from(
                Arrays.asList(
                    claim.idempotencyKey(),
                    claim.toolName(),
                    claim.customerId(),
                    claim.conversationId(),
                    claim.arguments(),
                    claim.at())))
        .map(rows -> rows.size() > 0);
  }

  /** The result stored under a claimed key, as JSON text ("null" before it completed). */
  Uni<String> result(SqlClient db, String idempotencyKey) {
    return db.preparedQuery("select result from tool_execution where idempotency_key = $1")
        .execute(Tuple.of(idempotencyKey))
        .map(rows -> String.valueOf(Rows.first(rows).getValue(0)));
  }

  /** Stores the result of the call that holds the key, in its transaction. */
  Uni<Void> complete(SqlClient db, String idempotencyKey, JsonObject result) {
    return db.preparedQuery("update tool_execution set result = $2 where idempotency_key = $1")
        .execute(Tuple.of(idempotencyKey, result))
        .replaceWithVoid();
  }
}
