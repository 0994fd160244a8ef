package io.frontdesk.conversation;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * Side effects as they run: their tool-call rows (running, then their outcome) and the transcript
 * lines the customer reads about them.
 */
@ApplicationScoped
class EffectRepository {

  /** A side effect starts: its tool call, as running, with the key it runs under; its row id. */
  Uni<Long> startToolCall(
      SqlClient db,
      UUID conversationId,
      UUID turnId,
      String agent,
      String tool,
      Map<String, Object> arguments,
      String idempotencyKey) {
    return db.preparedQuery(
            "insert into tool_call (conversation_id, turn_id, agent, tool_name, arguments, status,"
                + " idempotency_key, created_at) values ($1, $2, $3, $4, $5, 'running', $6,"
                + " clock_timestamp()) returning id")
        .execute(
            Tuple.from(
                Arrays.asList(
                    conversationId,
                    turnId,
                    agent,
                    tool,
                    new JsonObject(Json.encode(arguments)),
                    idempotencyKey)))
        .map(rows -> Rows.first(rows).getLong(0));
  }

  /** The started side effect's outcome (succeeded or failed), its result or error. */
  Uni<Void> endToolCall(SqlClient db, long id, String status, String result, String error) {
    return db.preparedQuery(
            "update tool_call set status = $2, result = $3, error = $4, duration_ms = greatest(0,"
                + " (extract(epoch from (clock_timestamp() - created_at)) * 1000)::int) where id ="
                + " $1")
        .execute(Tuple.from(Arrays.asList(id, status, result, error)))
        .replaceWithVoid();
  }

  /**
   * A line of the transcript written for the customer the moment a side effect commits (what it
   * did): shown with the transcript, left out of the model's memory (which gets the exchange).
   */
  Uni<Void> appendTrace(SqlClient db, UUID conversationId, UUID turnId, String text) {
    return db.preparedQuery(
            "insert into message (conversation_id, turn_id, role, agent, content, token_count,"
                + " trace, created_at) values ($1, $2, 'assistant', $3, $4, $5, true, $6)")
        .execute(
            Tuple.from(
                Arrays.asList(
                    conversationId,
                    turnId,
                    TurnRequest.SYSTEM_AUTHOR,
                    text,
                    Tokens.message(text),
                    ConversationRepository.now())))
        .replaceWithVoid();
  }
}
