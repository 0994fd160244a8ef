package io.frontdesk.feed;

import io.frontdesk.turn.TurnEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  private final FeedRepository repository;

  ConversationFeed(FeedRepository repository) {
    this.repository = repository;
  }

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
    Uni<Void> chain = repository.lock(db, conversationId);
    for (JsonObject json : events) {
      chain =
          chain.chain(
              () ->
                  repository.append(
                      db,
                      CHANNEL,
                      conversationId,
                      json.getString("type"),
                      json,
                      OffsetDateTime.now(ZoneOffset.UTC)));
    }
    return chain;
  }

  /** The newest sequence number of the conversation's feed (0 when it has none). */
  public Uni<Integer> latest(SqlClient db, UUID conversationId) {
    return repository.latest(db, conversationId);
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
    return repository.after(db, conversationId, afterSeq);
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
                            repository
                                .page(db, conversationId, last[0], PAGE)
                                .invoke(
                                    list ->
                                        list.forEach(e -> last[0] = Math.max(last[0], e.seq()))))
                    .whilst(list -> list.size() == PAGE)
                    .onItem()
                    .transformToIterable(list -> list));
  }
}
