package io.frontdesk.conversation;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the customer's view of a conversation reads: its messages and its tool calls' outcomes. */
@ApplicationScoped
class TranscriptRepository {

  /** Every message, oldest first, with the names of the tools it called. */
  Uni<List<TranscriptRow>> rows(SqlClient db, UUID conversationId) {
    return db.preparedQuery(
            "select turn_id, role, agent, content, tool_calls, trace from message where"
                + " conversation_id = $1 order by id")
        .execute(Tuple.of(conversationId))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new TranscriptRow(
                            r.getUUID("turn_id"),
                            r.getString("role"),
                            r.getString("agent"),
                            r.getString("content"),
                            tools(r.getValue("tool_calls")),
                            r.getBoolean("trace"))));
  }

  /** Every tool call's outcome, oldest first. */
  Uni<List<TranscriptRow.ToolOutcome>> outcomes(SqlClient db, UUID conversationId) {
    return db.preparedQuery(
            "select turn_id, tool_name, status from tool_call where conversation_id = $1 order by"
                + " id")
        .execute(Tuple.of(conversationId))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new TranscriptRow.ToolOutcome(
                            r.getUUID("turn_id"),
                            r.getString("tool_name"),
                            r.getString("status"))));
  }

  private static List<String> tools(Object calls) {
    List<String> names = new ArrayList<>();
    if (calls instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        names.add(array.getJsonObject(i).getString("name"));
      }
    }
    return names;
  }
}
