package io.frontdesk.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

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

  /** How many events one read replays at most. */
  private static final int PAGE = 500;

  private final ConsoleEventRepository events;
  private final Pool pool;
  private final ObjectMapper json;

  ConsoleFeed(ConsoleEventRepository events, Pool pool, ObjectMapper json) {
    this.events = events;
    this.pool = pool;
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
    return events.append(
        db, FeedListener.CONSOLE_CHANNEL, type, payload, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /** A conversation began: the console's live list gets it at once. */
  public Uni<Void> conversationActive(
      SqlClient db, UUID conversationId, String customerId, String channel) {
    return publish(
        db,
        "conversation_active",
        new JsonObject()
            .put("conversationId", conversationId.toString())
            .put("customerId", customerId)
            .put("channel", channel));
  }

  /** The newest event's id (0 when there is none). */
  public Uni<Long> latest() {
    return events.latest(pool);
  }

  /** A replay after {@code after}, then every new event, in order. */
  public Multi<ConsoleEvent> follow(long after, Multi<String> notifications) {
    AtomicLong last = new AtomicLong(after);
    return Multi.createBy()
        .merging()
        .streams(Multi.createFrom().item("start"), notifications)
        .onItem()
        .transformToMultiAndConcatenate(
            tick ->
                events
                    .after(pool, last.get(), PAGE)
                    .onItem()
                    .transformToMulti(list -> Multi.createFrom().iterable(list))
                    .invoke(e -> last.accumulateAndGet(e.seq(), Math::max)));
  }
}
