package io.frontdesk.conversation;

import io.frontdesk.toolgate.EffectJournal;
import io.frontdesk.toolgate.GateCall;
import io.frontdesk.turn.RunningTurn;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gate's side effects written into their conversation as they run (the gate's {@link
 * EffectJournal}): the tool call as running before the effect, its outcome and the customer's line
 * in the effect's transaction. The turn's ending then stores neither again.
 */
@ApplicationScoped
class EffectRecords implements EffectJournal {

  private final EffectRepository effects;

  EffectRecords(EffectRepository effects) {
    this.effects = effects;
  }

  @Override
  public Uni<Long> started(SqlClient db, GateCall call) {
    RunningTurn turn = call.turn();
    if (turn == null) {
      return Uni.createFrom().nullItem();
    }
    return effects
        .startToolCall(
            db,
            turn.conversationId(),
            turn.turnId(),
            call.agent(),
            call.tool().name(),
            call.arguments(),
            call.idempotencyKey())
        .invoke(
            id -> {
              if (call.running() != null) {
                turn.markJournaled(call.running());
              }
            });
  }

  @Override
  public Uni<Void> ran(SqlClient db, GateCall call, long id, Object result, String trace) {
    Uni<Void> ended =
        effects.endToolCall(db, id, "succeeded", result == null ? null : Json.encode(result), null);
    if (trace == null || trace.isBlank()) {
      return ended;
    }
    return ended.chain(
        () -> effects.appendTrace(db, call.conversationId(), call.turn().turnId(), trace));
  }

  @Override
  public Uni<Void> failed(SqlClient db, GateCall call, long id, String error) {
    return effects.endToolCall(db, id, "failed", null, error);
  }
}
