package io.frontdesk.toolgate;

import io.frontdesk.database.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The idempotency record of side effects, one row per key ({@link ToolExecutionRepository}). The
 * key is claimed first in the side effect's transaction: a second identical call, on any replica,
 * waits for the first to commit and then finds its result instead of acting again.
 */
@ApplicationScoped
class ToolExecutions {

  private final ToolExecutionRepository executions;
  private final ReactiveBridge bridge;

  ToolExecutions(ToolExecutionRepository executions, ReactiveBridge bridge) {
    this.executions = executions;
    this.bridge = bridge;
  }

  /** Whether a side effect already ran under this key (blocking: the gate's thread). */
  boolean executed(String key) {
    return bridge.await(() -> executions.exists(key));
  }

  /** Claims the key; empty when this call is the first, else the earlier call's result (JSON). */
  Uni<Optional<String>> claim(SqlClient db, GateCall call) {
    ToolExecutionRepository.Claim claim =
        new ToolExecutionRepository.Claim(
            call.idempotencyKey(),
            call.tool().name(),
            call.caller().customerId(),
            call.conversationId(),
            new JsonObject(Json.encode(call.arguments())),
            OffsetDateTime.now(ZoneOffset.UTC));
    return executions
        .claim(db, claim)
        .chain(
            claimed ->
                claimed
                    ? Uni.createFrom().item(Optional.<String>empty())
                    : executions.result(db, call.idempotencyKey()).map(Optional::of));
  }

  /** Records what the first call returned, in the same transaction as its effect. */
  Uni<Void> complete(SqlClient db, GateCall call, Object result) {
    return executions.complete(db, call.idempotencyKey(), new JsonObject(Json.encode(result)));
  }
}
