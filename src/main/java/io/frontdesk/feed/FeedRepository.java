package io.frontdesk.feed;

import io.frontdesk.database.Notifications;
import io.frontdesk.database.Rows;
import io.frontdesk.feed.ConversationFeed.FeedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The conversation feed's events (table conversation_event) over the reactive SQL client: appended
 * with the next sequence number under a per-conversation lock, announced by {@code NOTIFY}.
 */
@ApplicationScoped
public class FeedRepository {

  /**
   * Takes the conversation's feed lock for {@code db}'s transaction: one writer per conversation at
   * a time, so sequence numbers never collide.
   */
  Uni<Void> lock(SqlClient db, UUID conversationId) {
    return db.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of(conversationId.toString()))
        .replaceWithVoid();
  }

  /**
   * Appends an event with the conversation's next sequence number and queues {@code
   * <conversation>:<seq>} on {@code channel}.
   */
  Uni<Void> append(
      SqlClient db,
      String channel,
      UUID conversationId,
      String type,
      JsonObject payload,
      OffsetDateTime at) {
    return db.preparedQuery(
            "insert into conversation_event (conversation_id, seq, type, payload, created_at)"
                + " select $1, coalesce(max(seq), 0) + 1, $2, $3, $4 from conversation_event"
                + " where conversation_id = $1 returning seq")
        .execute(Tuple.of(conversationId, type, payload, at))
        .chain(
            rows ->
                Notifications.send(
                    db, channel, conversationId + ":" + Rows.first(rows).getInteger("seq")));
  }

  /** The newest sequence number of the conversation's feed (0 when it has none). */
  Uni<Integer> latest(SqlClient db, UUID conversationId) {
    return db.preparedQuery(
            "select coalesce(max(seq), 0) as seq from conversation_event where conversation_id ="
                + " $1")
        .execute(Tuple.of(conversationId))
        .map(rows -> Rows.first(rows).getInteger("seq"));
  }

  /** The events after {@code afterSeq}, oldest first. */
  Uni<List<FeedEvent>> after(SqlClient db, UUID conversationId, int afterSeq) {
    return db.preparedQuery(
            "select seq, type, payload, created_at from conversation_event where conversation_id"
                + " = $1 and seq > $2 order by seq")
        .execute(Tuple.of(conversationId, afterSeq))
        .map(rows -> Rows.list(rows, FeedRepository::event));
  }

  /** At most {@code limit} events after {@code afterSeq}, oldest first. */
  Uni<List<FeedEvent>> page(SqlClient db, UUID conversationId, int afterSeq, int limit) {
    return db.preparedQuery(
            "select seq, type, payload, created_at from conversation_event where conversation_id"
                + " = $1 and seq > $2 order by seq limit $3")
        .execute(Tuple.of(conversationId, afterSeq, limit))
        .map(rows -> Rows.list(rows, FeedRepository::event));
  }

  private static FeedEvent event(Row r) {
    return new FeedEvent(
        r.getInteger("seq"),
        r.getString("type"),
        (JsonObject) r.getValue("payload"),
        r.getOffsetDateTime("created_at"));
  }
}
