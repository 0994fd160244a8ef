package io.frontdesk.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.conversation.Conversation;
import io.frontdesk.conversation.FeedListener;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the human agents' console shows live (a ticket opened, an approval requested or decided, a
 * conversation active, taken over or handed back, a ticket resolved), on every replica: a {@code
 * console_event} row written in the transaction of what it reports, and {@code NOTIFY} {@value
 * FeedListener#CONSOLE_CHANNEL} with its id on commit. The row is the truth; its id is the sequence
 * number a console resumes from.
 */
@ApplicationScoped
public class ConsoleFeed {

  /** One stored console event; {@code seq} is its row id. */
  public record ConsoleEvent(long seq, String type, JsonObject payload) {

    /** The envelope the socket sends: the payload's fields, type and seq. */
    public JsonObject envelope() {
      return payload.copy().put("type", type).put("seq", seq);
    }
  }

  private final ObjectMapper json;

  ConsoleFeed(ObjectMapper json) {
    this.json = json;
  }

  /**
   * {@link #publish(SqlClient, String, JsonObject)} of {@code {name: value}}, as the API shows it.
   */
  public Uni<Void> publish(SqlClient db, String type, String name, Object value) {
    return publish(db, type, new JsonObject().put(name, json.valueToTree(value)));
  }

  /** Stores the event in the caller's transaction; NOTIFY is sent if that commits. */
  public Uni<Void> publish(SqlClient db, String type, JsonObject payload) {
    return db.preparedQuery(
            "insert into console_event (type, payload, created_at) values ($1, $2, $3) returning"
                + " id")
        .execute(Tuple.of(type, payload, OffsetDateTime.now(ZoneOffset.UTC)))
        .chain(
            rows ->
                db.preparedQuery("select pg_notify($1, $2)")
                    .execute(
                        Tuple.of(
                            FeedListener.CONSOLE_CHANNEL,
                            String.valueOf(rows.iterator().next().getLong("id")))))
        .replaceWithVoid();
  }

  /** A conversation began: the console's live list gets it at once. */
  public Uni<Void> conversationActive(SqlClient db, Conversation conversation) {
    return publish(
        db,
        "conversation_active",
        new JsonObject()
            .put("conversationId", conversation.id().toString())
            .put("customerId", conversation.customerId())
            .put("channel", conversation.channel()));
  }

  /** The newest event's id (0 when there is none). */
  public Uni<Long> latest(SqlClient db) {
    return db.query("select coalesce(max(id), 0) as id from console_event")
        .execute()
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Events after {@code after}, oldest first (at most 500 at a time). */
  public Uni<List<ConsoleEvent>> after(SqlClient db, long after) {
    return db.preparedQuery(
            "select id, type, payload from console_event where id > $1 order by id limit 500")
        .execute(Tuple.of(after))
        .map(
            rows -> {
              List<ConsoleEvent> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new ConsoleEvent(
                        r.getLong("id"), r.getString("type"), (JsonObject) r.getValue("payload")));
              }
              return out;
            });
  }

  /** A replay after {@code after}, then every new event, in order. */
  public Multi<ConsoleEvent> follow(SqlClient db, long after, Multi<String> notifications) {
    long[] last = {after};
    return Multi.createBy()
        .merging()
        .streams(Multi.createFrom().item("start"), notifications)
        .onItem()
        .transformToMultiAndConcatenate(
            tick ->
                after(db, last[0])
                    .onItem()
                    .transformToMulti(list -> Multi.createFrom().iterable(list))
                    .invoke(e -> last[0] = Math.max(last[0], e.seq())));
  }
}
