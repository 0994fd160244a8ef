package io.frontdesk.toolgate;

import io.frontdesk.database.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * The idempotency record of side effects, one row per key (table tool_execution). The key is
 * claimed first in the side effect's transaction: a second identical call, on any replica, waits
 * for the first to commit and then finds its result instead of acting again.
 */
@ApplicationScoped
class ToolExecutions {

  private final Pool pool;
  private final ReactiveBridge bridge;

  ToolExecutions(Pool pool, ReactiveBridge bridge) {
    this.pool = pool;
    this.bridge = bridge;
  }

  /** Whether a side effect already ran under this key (blocking: the gate's thread). */
  boolean executed(String key) {
    return bridge.await(
        () ->
            pool.preparedQuery("select 1 from tool_execution where idempotency_key = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.size() > 0));
  }

  /** Claims the key; empty when this call is the first, else the earlier call's result (JSON). */
  Uni<Optional<String>> claim(SqlClient db, GateCall call) {
    return db.preparedQuery(
            "insert into tool_execution (idempotency_key, tool_name, customer_id,"
                + " conversation_id, arguments, executed_at) values ($1, $2, $3, $4, $5, $6)"
                + " on conflict (idempotency_key) do nothing returning idempotency_key")
        .execute(
            Tuple.from(
                Arrays.asList(
                    call.idempotencyKey(),
                    call.tool().name(),
                    call.caller().customerId(),
                    call.conversationId(),
                    new JsonObject(Json.encode(call.arguments())),
                    OffsetDateTime.now(ZoneOffset.UTC))))
        .chain(
            claimed ->
                claimed.size() > 0
                    ? Uni.createFrom().item(Optional.<String>empty())
                    : db.preparedQuery(
                            "select result from tool_execution where idempotency_key = $1")
                        .execute(Tuple.of(call.idempotencyKey()))
                        .map(
                            rows ->
                                Optional.of(String.valueOf(rows.iterator().next().getValue(0)))));
  }

  /** Records what the first call returned, in the same transaction as its effect. */
  Uni<Void> complete(SqlClient db, GateCall call, Object result) {
    return db.preparedQuery("update tool_execution set result = $2 where idempotency_key = $1")
        .execute(Tuple.of(call.idempotencyKey(), new JsonObject(Json.encode(result))))
        .replaceWithVoid();
  }
}
