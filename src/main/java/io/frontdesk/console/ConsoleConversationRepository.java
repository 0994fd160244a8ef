package io.frontdesk.console;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Conversations as the console reads and changes them (table conversation), over the reactive SQL
 * client: the live list, who holds one, a human agent taking it over, and resolving it.
 */
@ApplicationScoped
public class ConsoleConversationRepository {

  /** A conversation in the live list. */
  public record LiveConversation(
      UUID id,
      String customerId,
      String status,
      String activeAgent,
      String takenOverBy,
      OffsetDateTime updatedAt,
      String lastMessage) {}

  /**
   * One tool call of the conversation as the gate recorded it: succeeded, failed, denied (with the
   * reason) or waiting for a person's approval.
   */
  public record ToolStep(
      String agent,
      String tool,
      String arguments,
      String status,
      String result,
      String error,
      int durationMs,
      OffsetDateTime at) {}

  /** A conversation's header: whose it is, its state, and the human agent holding it (or null). */
  record Header(String customerId, String status, String activeAgent, String takenOverBy) {}

  private final Pool pool;

  ConsoleConversationRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Conversations updated within the last {@code minutes}, taken over, or waiting for an approval;
   * newest first, each with its last message.
   */
  Uni<List<LiveConversation>> live(int minutes, int limit) {
    return pool.preparedQuery(
            "select c.id, c.customer_id, c.status, c.active_agent, c.taken_over_by, c.updated_at,"
                + " (select m.content from message m where m.conversation_id = c.id and m.role in"
                + " ('user', 'assistant') and m.content is not null and m.content <> '' order by"
                + " m.id desc limit 1) as last_message from conversation c where c.updated_at >"
                + " now() - make_interval(mins => $1) or c.taken_over_by is not null or c.status"
                + " = 'awaiting_approval' order by c.updated_at desc limit $2")
        .execute(Tuple.of(minutes, limit))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new LiveConversation(
                            r.getUUID("id"),
                            r.getString("customer_id"),
                            r.getString("status"),
                            r.getString("active_agent"),
                            r.getString("taken_over_by"),
                            r.getOffsetDateTime("updated_at"),
                            r.getString("last_message"))));
  }

  /** The conversation's tool calls, oldest first. */
  Uni<List<ToolStep>> toolSteps(UUID id) {
    return pool.preparedQuery(
            "select agent, tool_name, arguments::text as arguments, status, result, error,"
                + " duration_ms, created_at from tool_call where conversation_id = $1 order by id")
        .execute(Tuple.of(id))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new ToolStep(
                            r.getString("agent"),
                            r.getString("tool_name"),
                            r.getString("arguments"),
                            r.getString("status"),
                            r.getString("result"),
                            r.getString("error"),
                            r.getInteger("duration_ms"),
                            r.getOffsetDateTime("created_at"))));
  }

  Uni<Optional<Header>> header(UUID id) {
    return pool.preparedQuery(
            "select customer_id, status, active_agent, taken_over_by from conversation where id ="
                + " $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.optional(rows, ConsoleConversationRepository::header));
  }

  /**
   * The conversation's header, its row locked until {@code db}'s transaction ends (takeover steps
   * are serialised by it); empty when there is no such conversation.
   */
  Uni<Optional<Header>> lock(SqlClient db, UUID id) {
    return db.preparedQuery(
            "select customer_id, status, active_agent, taken_over_by from conversation where id ="
                + " $1 for update")
        .execute(Tuple.of(id))
        .map(rows -> Rows.optional(rows, ConsoleConversationRepository::header));
  }

  /** Sets (or with null clears) the human agent holding the conversation. */
  Uni<Void> setHolder(SqlClient db, UUID id, String agent) {
    return db.preparedQuery(
            "update conversation set taken_over_by = $2,"
                + " taken_over_at = case when $2::text is null then null else now() end,"
                + " updated_at = now() where id = $1")
        .execute(Tuple.of(id, agent))
        .replaceWithVoid();
  }

  /** Marks the conversation active now (it rises in the live list). */
  Uni<Void> touch(SqlClient db, UUID id) {
    return db.preparedQuery("update conversation set updated_at = now() where id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  /** The conversation's ticket was resolved: so is the conversation. */
  Uni<Void> resolve(SqlClient db, UUID id) {
    return db.preparedQuery(
            "update conversation set status = 'resolved', updated_at = now() where id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  private static Header header(Row r) {
    return new Header(
        r.getString("customer_id"),
        r.getString("status"),
        r.getString("active_agent"),
        r.getString("taken_over_by"));
  }
}
