package io.frontdesk.conversation;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turn locks whose replica died, and what their turns left behind. */
@ApplicationScoped
class TurnRecoveryRepository {

  /** A turn lock held by a dead replica's run. */
  record DeadLock(UUID conversationId, String customerId, UUID turnId, UUID replica) {}

  /** A side effect the dead turn started: its tool, arguments and whether it finished. */
  record Effect(String tool, Map<String, Object> arguments, boolean finished) {}

  /**
   * What a dead turn left: the message it answered (null if none), whether Frontdesk wrote it (an
   * approval's follow-up), whether it was re-run once already, its side effects and their lines.
   */
  record DeadTurn(
      String question,
      boolean systemNote,
      boolean rerunBefore,
      List<Effect> effects,
      List<String> traces) {}

  /**
   * Locks held by dead runs (see replica_dead in V14): silence counts only when {@code
   * judgeSilence}.
   */
  Uni<List<DeadLock>> deadLocks(SqlClient db, UUID self, boolean judgeSilence, int limit) {
    return db.preparedQuery(
            "select id, customer_id, turn_id, turn_replica from conversation where turn_id is not"
                + " null and turn_replica is not null and turn_replica <> $1 and"
                + " replica_dead(turn_replica, $2) order by turn_lease_until limit $3")
        .execute(Tuple.of(self, judgeSilence, limit))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new DeadLock(
                            r.getUUID("id"),
                            r.getString("customer_id"),
                            r.getUUID("turn_id"),
                            r.getUUID("turn_replica"))));
  }

  Uni<DeadTurn> deadTurn(SqlClient db, DeadLock lock) {
    Tuple turn = Tuple.of(lock.conversationId(), lock.turnId());
    Uni<Row> question =
        db.preparedQuery(
                "select content, agent from message where conversation_id = $1 and turn_id = $2"
                    + " and role = 'user' order by id limit 1")
            .execute(turn)
            .map(rows -> Rows.optional(rows, r -> r).orElse(null));
    Uni<Boolean> rerun =
        db.preparedQuery("select 1 from turn_recovery where turn_id = $1 and action = 'rerun'")
            .execute(Tuple.of(lock.turnId()))
            .map(rows -> rows.size() > 0);
    Uni<List<Effect>> effects =
        db.preparedQuery(
                "select tool_name, arguments, status from tool_call where conversation_id = $1 and"
                    + " turn_id = $2 and status in ('running', 'succeeded') order by id")
            .execute(turn)
            .map(rows -> Rows.list(rows, TurnRecoveryRepository::effect));
    Uni<List<String>> traces =
        db.preparedQuery(
                "select content from message where conversation_id = $1 and turn_id = $2 and"
                    + " trace order by id")
            .execute(turn)
            .map(rows -> Rows.list(rows, r -> r.getString(0)));
    return Uni.combine()
        .all()
        .unis(question, rerun, effects, traces)
        .with(
            (q, again, done, lines) ->
                new DeadTurn(
                    q == null ? null : q.getString("content"),
                    q != null && TurnRequest.SYSTEM_AUTHOR.equals(q.getString("agent")),
                    again,
                    done,
                    lines));
  }

  /** Gives a dead turn's lock back; false when another replica recovered it first. */
  Uni<Boolean> release(SqlClient db, DeadLock lock) {
    return db.preparedQuery(
            "update conversation set turn_id = null, turn_lease_until = null, turn_replica = null,"
                + " updated_at = now() where id = $1 and turn_id = $2 and turn_replica = $3")
        .execute(Tuple.of(lock.conversationId(), lock.turnId(), lock.replica()))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Effect effect(Row r) {
    JsonObject args = (JsonObject) r.getValue("arguments");
    return new Effect(
        r.getString("tool_name"),
        args == null ? Map.of() : args.getMap(),
        "succeeded".equals(r.getString("status")));
  }
}
