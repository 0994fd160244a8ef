package io.frontdesk.conversation;

import io.frontdesk.turn.TurnEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A conversation's event feed (DESIGN §8): events that happen outside a customer's own request — an
 * approval decided, the follow-up answer — are stored in order with a sequence number, and {@code
 * NOTIFY} {@value #CHANNEL} tells every replica '{@code <conversation>:<seq>}'. The row is the
 * truth; a client that reconnects replays from the last sequence number it saw.
 */
@ApplicationScoped
public class ConversationFeed {

  public static final String CHANNEL = "frontdesk_conversation_events";

  /** Events read per query while following. */
  static final int PAGE = 200;

  /** One stored event of the feed. */
  public record FeedEvent(int seq, String type, JsonObject event, OffsetDateTime at) {}

  /**
   * Appends the events (text deltas, and withdrawals of them, are left out: the final event carries
   * the whole answer).
   */
  public Uni<Void> publish(SqlClient db, UUID conversationId, List<TurnEvent> events) {
    return publishJson(
        db,
        conversationId,
        events.stream()
            .filter(e -> !(e instanceof TurnEvent.Text || e instanceof TurnEvent.AnswerWithdrawn))
            .map(e -> new JsonObject(Json.encode(e)))
            .toList());
  }

  /** Appends events given as JSON objects, each with its {@code type}, in one writer's order. */
  public Uni<Void> publishJson(SqlClient db, UUID conversationId, List<JsonObject> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    // one writer per conversation at a time, so sequence numbers never collide
    Uni<Void> chain =
        db.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
            .execute(Tuple.of(conversationId.toString()))
            .replaceWithVoid();
    for (JsonObject json : events) {
      chain =
          chain.chain(
              () ->
                  db.preparedQuery(
                          "insert into conversation_event (conversation_id, seq, type, payload,"
                              + " created_at) select $1, coalesce(max(seq), 0) + 1, $2, $3, $4"
                              + " from conversation_event where conversation_id = $1 returning seq")
                      .execute(
                          Tuple.of(
                              conversationId,
                              json.getString("type"),
                              json,
                              OffsetDateTime.now(ZoneOffset.UTC)))
                      .chain(
                          rows ->
                              db.preparedQuery("select pg_notify($1, $2)")
                                  .execute(
                                      Tuple.of(
                                          CHANNEL,
                                          conversationId
                                              + ":"
                                              + rows.iterator().next().getInteger("seq"))))
                      .replaceWithVoid());
    }
    return chain;
  }

  /** The newest sequence number of the conversation's feed (0 when it has none). */
  public Uni<Integer> latest(SqlClient db, UUID conversationId) {
    return db.preparedQuery(
            "select coalesce(max(seq), 0) as seq from conversation_event where conversation_id ="
                + " $1")
        .execute(Tuple.of(conversationId))
        .map(rows -> rows.iterator().next().getInteger("seq"));
  }

  /** An event as the sockets send it: its own fields, its sequence number and conversation. */
  public static JsonObject envelope(UUID conversationId, FeedEvent event) {
    return event
        .event()
        .copy()
        .put("type", event.type())
        .put("seq", event.seq())
        .put("conversationId", conversationId.toString());
  }

  /** The events after {@code afterSeq}, oldest first. */
  public Uni<List<FeedEvent>> after(SqlClient db, UUID conversationId, int afterSeq) {
    return db.preparedQuery(
            "select seq, type, payload, created_at from conversation_event where conversation_id"
                + " = $1 and seq > $2 order by seq")
        .execute(Tuple.of(conversationId, afterSeq))
        .map(ConversationFeed::events);
  }

  private static List<FeedEvent> events(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    List<FeedEvent> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new FeedEvent(
              r.getInteger("seq"),
              r.getString("type"),
              (JsonObject) r.getValue("payload"),
              r.getOffsetDateTime("created_at")));
    }
    return out;
  }

  /** Events as they arrive: a replay from {@code afterSeq}, then every new one, in order. */
  public Multi<FeedEvent> follow(
      SqlClient db, UUID conversationId, int afterSeq, Multi<String> notifications) {
    int[] last = {afterSeq};
    String prefix = conversationId + ":";
    return Multi.createBy()
        .merging()
        .streams(Multi.createFrom().item(prefix), notifications.filter(p -> p.startsWith(prefix)))
        .onItem()
        .transformToMultiAndConcatenate(
            tick ->
                // page by page, so a long replay is never read into memory at once
                Multi.createBy()
                    .repeating()
                    .uni(
                        () ->
                            page(db, conversationId, last[0], PAGE)
                                .invoke(
                                    list ->
                                        list.forEach(e -> last[0] = Math.max(last[0], e.seq()))))
                    .whilst(list -> list.size() == PAGE)
                    .onItem()
                    .transformToIterable(list -> list));
  }

  private Uni<List<FeedEvent>> page(SqlClient db, UUID conversationId, int afterSeq, int limit) {
    return db.preparedQuery(
            "select seq, type, payload, created_at from conversation_event where conversation_id"
                + " = $1 and seq > $2 order by seq limit $3")
        .execute(Tuple.of(conversationId, afterSeq, limit))
        .map(ConversationFeed::events);
  }
}
