package io.frontdesk.console;

import io.frontdesk.conversation.ConversationRepository;
import io.frontdesk.conversation.StoredMessage;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.http.Conflict;
import io.frontdesk.http.NotFound;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A human agent takes a conversation over (the bot pauses: {@code HumanRelay}), replies in it and
 * hands it back. Each step is one transaction with the conversation's row locked, and its events go
 * on the conversation's feed (to the customer's chat, on any replica) and the console feed. The
 * agent's replies are stored as assistant messages named {@code human:<agent>}, so the model reads
 * them in its memory after hand-back.
 */
@ApplicationScoped
public class TakeoverService {

  /** The transcript's agent name for a human agent's message. */
  public static String author(String agent) {
    return "human:" + agent;
  }

  /** Who holds a conversation after a step. */
  public record Takeover(UUID conversationId, String customerId, String takenOverBy) {}

  private final Pool pool;
  private final ConsoleConversationRepository holders;
  private final ConversationRepository conversations;
  private final ConversationFeed feed;
  private final ConsoleFeed console;

  TakeoverService(
      Pool pool,
      ConsoleConversationRepository holders,
      ConversationRepository conversations,
      ConversationFeed feed,
      ConsoleFeed console) {
    this.pool = pool;
    this.holders = holders;
    this.conversations = conversations;
    this.feed = feed;
    this.console = console;
  }

  /** Takes the conversation over; again by the same agent is a no-op, by another a conflict. */
  public Uni<Takeover> takeOver(UUID id, String agent) {
    return step(
        id,
        (db, held) -> {
          if (agent.equals(held.takenOverBy())) {
            return Uni.createFrom().item(held);
          }
          if (held.takenOverBy() != null) {
            throw new Conflict(
                "conversation %s is taken over by %s".formatted(id, held.takenOverBy()));
          }
          Takeover now = new Takeover(id, held.customerId(), agent);
          return holders
              .setHolder(db, id, agent)
              .call(() -> toChat(db, id, "agent_joined", agent))
              .call(() -> announce(db, "conversation_taken_over", now))
              .replaceWith(now);
        });
  }

  /** The agent's reply: stored in the transcript and delivered to the customer's chat. */
  public Uni<Takeover> reply(UUID id, String agent, String text) {
    return step(
        id,
        (db, held) -> {
          requireHeldBy(held, agent);
          StoredMessage message =
              new StoredMessage(
                  UUID.randomUUID(), "assistant", author(agent), text, List.of(), null, null);
          return conversations
              .append(db, id, List.of(message))
              .call(() -> holders.touch(db, id))
              .call(
                  () ->
                      feed.publishJson(
                          db,
                          id,
                          List.of(
                              new JsonObject()
                                  .put("type", "agent_message")
                                  .put("agent", agent)
                                  .put("text", text))))
              .replaceWith(held);
        });
  }

  /** Hands the conversation back to the bot; the next customer message is answered by it. */
  public Uni<Takeover> handBack(UUID id, String agent) {
    return step(
        id,
        (db, held) -> {
          requireHeldBy(held, agent);
          return holders
              .setHolder(db, id, null)
              .call(() -> toChat(db, id, "agent_left", agent))
              .call(
                  () ->
                      announce(
                          db,
                          "conversation_handed_back",
                          new Takeover(id, held.customerId(), agent)))
              .replaceWith(new Takeover(id, held.customerId(), null));
        });
  }

  /** One step: a transaction with the conversation's row locked, given who holds it now. */
  private Uni<Takeover> step(UUID id, BiFunction<SqlClient, Takeover, Uni<Takeover>> body) {
    return pool.withTransaction(db -> lock(db, id).chain(held -> body.apply(db, held)));
  }

  /** An agent_joined / agent_left event on the conversation's feed, to the customer's chat. */
  private Uni<Void> toChat(SqlClient db, UUID id, String type, String agent) {
    return feed.publishJson(
        db, id, List.of(new JsonObject().put("type", type).put("agent", agent)));
  }

  private static void requireHeldBy(Takeover held, String agent) {
    if (!agent.equals(held.takenOverBy())) {
      throw new Conflict(
          held.takenOverBy() == null
              ? "take conversation %s over first".formatted(held.conversationId())
              : "conversation %s is taken over by %s"
                  .formatted(held.conversationId(), held.takenOverBy()));
    }
  }

  private Uni<Void> announce(SqlClient db, String type, Takeover t) {
    return console.publish(
        db,
        type,
        new JsonObject()
            .put("conversationId", t.conversationId().toString())
            .put("customerId", t.customerId())
            .put("agent", t.takenOverBy()));
  }

  private Uni<Takeover> lock(SqlClient db, UUID id) {
    return holders
        .lock(db, id)
        .map(
            found ->
                found
                    .map(h -> new Takeover(id, h.customerId(), h.takenOverBy()))
                    .orElseThrow(() -> new NotFound("conversation", id.toString())));
  }
}
