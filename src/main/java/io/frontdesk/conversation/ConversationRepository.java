package io.frontdesk.conversation;

import io.frontdesk.database.Rows;
import io.frontdesk.replica.Replica;
import io.frontdesk.turn.ToolRecord;
import io.frontdesk.turn.TurnEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Conversations, their transcripts and tool calls, over the reactive SQL client. */
@ApplicationScoped
public class ConversationRepository {

  private static final String COLUMNS =
      "id, customer_id, channel, topology, active_agent, status, created_at, updated_at";

  private static final String READ = COLUMNS + ", language";

  private final Replica replica;

  ConversationRepository(Replica replica) {
    this.replica = replica;
  }

  /** A new conversation whose first turn ({@code turnId}) holds its lock from the start. */
  public Uni<Conversation> create(
      SqlClient db,
      String customerId,
      String channel,
      String topology,
      String agent,
      UUID turnId,
      Duration lease) {
    OffsetDateTime now = now();
    return db.preparedQuery(
            "insert into conversation ("
                + COLUMNS
                + ", turn_id, turn_lease_until, turn_replica) values ($1, $2, $3, $4, $5, 'open',"
                + " $6, $6, $7, now() + make_interval(secs => $8), $9) returning "
                + READ)
        .execute(
            Tuple.from(
                List.of(
                    UUID.randomUUID(),
                    customerId,
                    channel,
                    topology,
                    agent,
                    now,
                    turnId,
                    (double) lease.toSeconds(),
                    replica.instance())))
        .map(rows -> conversation(Rows.first(rows)));
  }

  /**
   * Takes the conversation's turn lock for {@code turnId} on this replica's run, unless another
   * turn holds it and its lease has not run out; false then. The row lock this update takes makes a
   * second replica wait for the first one's commit, then see its lock. A lock whose replica died is
   * not taken here: recovery answers its turn's message first ({@link TurnRecovery}).
   */
  public Uni<Boolean> claimTurn(SqlClient db, UUID id, UUID turnId, Duration lease) {
    return db.preparedQuery(
            "update conversation set turn_id = $2, turn_lease_until = now() + make_interval(secs"
                + " => $3), turn_replica = $4 where id = $1 and (turn_id is null or"
                + " turn_lease_until < now())")
        .execute(Tuple.of(id, turnId, (double) lease.toSeconds(), replica.instance()))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Takes over the lock a dead replica's turn left (recovery re-runs that turn's message under the
   * same turn id) and records that it was re-run: false when another replica got there first.
   */
  public Uni<Boolean> takeOverTurn(
      SqlClient db, UUID id, UUID turnId, UUID deadReplica, Duration lease) {
    return db.preparedQuery(
            "update conversation set turn_replica = $4, turn_lease_until = now() +"
                + " make_interval(secs => $5) where id = $1 and turn_id = $2 and turn_replica ="
                + " $3")
        .execute(Tuple.of(id, turnId, deadReplica, replica.instance(), (double) lease.toSeconds()))
        .map(rows -> rows.rowCount() == 1)
        .call(
            taken ->
                taken
                    ? recovered(db, id, turnId, deadReplica, "rerun")
                    : Uni.createFrom().voidItem());
  }

  /** Records how a dead turn was recovered (a second recovery of it replaces the first's). */
  Uni<Void> recovered(SqlClient db, UUID id, UUID turnId, UUID deadReplica, String action) {
    return db.preparedQuery(
            "insert into turn_recovery (turn_id, conversation_id, dead_replica, recovered_by,"
                + " action, at) values ($1, $2, $3, $4, $5, now()) on conflict (turn_id) do update"
                + " set dead_replica = excluded.dead_replica, recovered_by ="
                + " excluded.recovered_by, action = excluded.action, at = excluded.at")
        .execute(Tuple.of(turnId, id, deadReplica, replica.instance(), action))
        .replaceWithVoid();
  }

  /**
   * The turn ends: the conversation's state as it leaves it, and its lock given back; false when
   * the turn no longer holds the lock (its lease ran out and another turn took the conversation, or
   * its replica was taken for dead and recovery took it over): then it must store nothing.
   */
  /**
   * Ends the turn with the conversation's new status; a conversation whose ticket is still open
   * stays escalated, whatever its turn came to (it is resolved with its ticket).
   */
  public Uni<Boolean> endTurn(SqlClient db, UUID id, UUID turnId, String status, String agent) {
    return db.preparedQuery(
            "update conversation set status = case when $3 = 'resolved' and exists (select 1 from"
                + " ticket where ticket.conversation_id = $1 and ticket.status in ('open',"
                + " 'in_progress')) then 'escalated' else $3 end, active_agent = $4, updated_at ="
                + " $5, turn_id = null, turn_lease_until = null, turn_replica = null where id = $1"
                + " and turn_id = $2 and (turn_replica is null or turn_replica = $6)")
        .execute(Tuple.from(List.of(id, turnId, status, agent, now(), replica.instance())))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Gives the turn lock back without touching anything else (a turn that could not be stored). */
  public Uni<Void> releaseTurn(SqlClient db, UUID id, UUID turnId) {
    return db.preparedQuery(
            "update conversation set turn_id = null, turn_lease_until = null, turn_replica = null"
                + " where id = $1 and turn_id = $2 and (turn_replica is null or turn_replica ="
                + " $3)")
        .execute(Tuple.of(id, turnId, replica.instance()))
        .replaceWithVoid();
  }

  /** The customer's own conversation, or null: another customer's is as good as missing. */
  public Uni<Conversation> findOwned(SqlClient db, UUID id, String customerId) {
    return db.preparedQuery(
            "select " + READ + " from conversation where id = $1 and customer_id = $2")
        .execute(Tuple.of(id, customerId))
        .map(ConversationRepository::firstConversation);
  }

  /** The customer's language, as their messages now show it. */
  public Uni<Void> language(SqlClient db, UUID id, String language) {
    return db.preparedQuery("update conversation set language = $2 where id = $1")
        .execute(Tuple.of(id, language))
        .replaceWithVoid();
  }

  /** The conversation's language (null when none was read yet, or no such conversation). */
  public Uni<String> language(SqlClient db, UUID id) {
    return db.preparedQuery("select language from conversation where id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : Rows.first(rows).getString("language"));
  }

  public Uni<Void> append(SqlClient db, UUID conversationId, List<StoredMessage> messages) {
    return append(db, conversationId, messages, false);
  }

  /** Appends messages; guard-blocked ones stay in the transcript but never reach memory. */
  public Uni<Void> append(
      SqlClient db, UUID conversationId, List<StoredMessage> messages, boolean guardBlocked) {
    if (messages.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>();
    OffsetDateTime now = now();
    for (StoredMessage m : messages) {
      JsonArray calls = new JsonArray();
      m.toolCalls()
          .forEach(
              c ->
                  calls.add(
                      new JsonObject()
                          .put("id", c.id())
                          .put("name", c.name())
                          .put("arguments", c.arguments())));
      rows.add(
          Tuple.from(
              Arrays.asList(
                  conversationId,
                  m.turnId(),
                  m.role(),
                  m.agent(),
                  m.content(),
                  m.toolCalls().isEmpty() ? null : calls,
                  m.toolCallId(),
                  m.toolName(),
                  m.tokens(),
                  guardBlocked,
                  now)));
    }
    return db.preparedQuery(
            "insert into message (conversation_id, turn_id, role, agent, content, tool_calls,"
                + " tool_call_id, tool_name, token_count, guard_blocked, created_at) values ($1,"
                + " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .executeBatch(rows)
        .replaceWithVoid();
  }

  /**
   * Stores the message a turn answers, once per turn: the same turn opened again (an approval's
   * follow-up tried again after a crash) finds it stored and adds nothing.
   */
  public Uni<Void> appendQuestion(
      SqlClient db, UUID conversationId, StoredMessage question, boolean guardBlocked) {
    return db.preparedQuery(
            "insert into message (conversation_id, turn_id, role, agent, content, token_count,"
                + " guard_blocked, created_at) select $1, $2, 'user', $3, $4, $5, $6, $7 where not"
                + " exists (select 1 from message where conversation_id = $1 and turn_id = $2 and"
                + " role = 'user')")
        .execute(
            Tuple.from(
                Arrays.asList(
                    conversationId,
                    question.turnId(),
                    question.agent(),
                    question.content(),
                    question.tokens(),
                    guardBlocked,
                    now())))
        .replaceWithVoid();
  }

  /** The answer a turn stored (its last assistant message that is not a trace), if it ended. */
  public Uni<Optional<String>> answerOf(SqlClient db, UUID conversationId, UUID turnId) {
    return db.preparedQuery(
            "select content from message where conversation_id = $1 and turn_id = $2 and role ="
                + " 'assistant' and not trace and content is not null order by id desc limit 1")
        .execute(Tuple.of(conversationId, turnId))
        .map(rows -> Rows.optional(rows, r -> r.getString(0)));
  }

  /** The whole transcript, oldest first. */
  public Uni<List<StoredMessage>> transcript(SqlClient db, UUID conversationId) {
    return messages(db, conversationId, "");
  }

  /**
   * What memory may hold: the newest {@code limit} messages without guard-blocked ones, oldest
   * first (a memory window never needs the whole transcript of a long conversation).
   */
  public Uni<List<StoredMessage>> memory(SqlClient db, UUID conversationId, int limit) {
    return db.preparedQuery(
            "select * from (select id, turn_id, role, agent, content, tool_calls, tool_call_id,"
                + " tool_name, token_count from message where conversation_id = $1 and not guard_blocked and"
                + " not trace order by id desc limit $2) newest order by id")
        .execute(Tuple.of(conversationId, limit))
        .map(ConversationRepository::storedMessages);
  }

  public Uni<Long> blockedMessages(SqlClient db, UUID conversationId) {
    return db.preparedQuery(
            "select count(*) from message where conversation_id = $1 and role = 'user' and"
                + " guard_blocked")
        .execute(Tuple.of(conversationId))
        .map(rows -> Rows.first(rows).getLong(0));
  }

  public Uni<Void> recordGuardEvents(
      SqlClient db, UUID conversationId, UUID turnId, List<TurnEvent.Guard> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    OffsetDateTime now = now();
    List<Tuple> rows =
        events.stream()
            .map(
                e ->
                    Tuple.from(
                        List.of(
                            conversationId,
                            turnId,
                            e.stage(),
                            e.guard(),
                            e.action(),
                            java.math.BigDecimal.valueOf(e.score())
                                .setScale(3, java.math.RoundingMode.HALF_UP),
                            e.blocked(),
                            now)))
            .toList();
    return db.preparedQuery(
            "insert into guard_event (conversation_id, turn_id, stage, guard, action, score,"
                + " blocked, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)")
        .executeBatch(rows)
        .replaceWithVoid();
  }

  private Uni<List<StoredMessage>> messages(SqlClient db, UUID conversationId, String filter) {
    return db.preparedQuery(
            "select turn_id, role, agent, content, tool_calls, tool_call_id, tool_name, token_count"
                + " from message"
                + " where conversation_id = $1"
                + filter
                + " order by id")
        .execute(Tuple.of(conversationId))
        .map(ConversationRepository::storedMessages);
  }

  public Uni<Void> recordToolCalls(
      SqlClient db, UUID conversationId, UUID turnId, List<ToolRecord> calls) {
    if (calls.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>();
    for (ToolRecord c : calls) {
      rows.add(
          Tuple.from(
              Arrays.asList(
                  conversationId,
                  turnId,
                  c.agent(),
                  c.tool(),
                  new JsonObject(c.arguments()),
                  c.status(),
                  c.result() == null ? null : String.valueOf(c.result()),
                  c.error(),
                  (int) c.durationMs(),
                  c.at())));
    }
    return db.preparedQuery(
            "insert into tool_call (conversation_id, turn_id, agent, tool_name, arguments, status,"
                + " result, error, duration_ms, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8,"
                + " $9, $10)")
        .executeBatch(rows)
        .replaceWithVoid();
  }

  /** Deletes conversations untouched since {@code cutoff} (messages and tool calls cascade). */
  public Uni<Integer> purgeUntouchedSince(SqlClient db, OffsetDateTime cutoff) {
    return db.preparedQuery("delete from conversation where updated_at < $1")
        .execute(Tuple.of(cutoff))
        .map(RowSet::rowCount);
  }

  private static List<StoredMessage> storedMessages(RowSet<Row> rows) {
    return Rows.list(rows, ConversationRepository::message);
  }

  private static StoredMessage message(Row r) {
    List<StoredMessage.ToolCallRef> calls = new ArrayList<>();
    Object raw = r.getValue("tool_calls");
    if (raw instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        JsonObject c = array.getJsonObject(i);
        calls.add(
            new StoredMessage.ToolCallRef(
                c.getString("id"), c.getString("name"), c.getString("arguments")));
      }
    }
    return new StoredMessage(
        r.getUUID("turn_id"),
        r.getString("role"),
        r.getString("agent"),
        r.getString("content"),
        calls,
        r.getString("tool_call_id"),
        r.getString("tool_name"),
        r.getInteger("token_count"));
  }

  private static Conversation firstConversation(RowSet<Row> rows) {
    return Rows.optional(rows, ConversationRepository::conversation).orElse(null);
  }

  private static Conversation conversation(Row r) {
    return new Conversation(
        r.getUUID("id"),
        r.getString("customer_id"),
        r.getString("channel"),
        r.getString("topology"),
        r.getString("active_agent"),
        r.getString("status"),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("updated_at"),
        r.getString("language"));
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
