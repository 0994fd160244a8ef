package io.frontdesk.conversation;

import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.turn.TurnEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * While a human agent has taken a conversation over, the bot does not answer: the customer's
 * message is stored in the transcript (so the model sees it after hand-back) and shown to the agent
 * on the console feed, and no model is called. The turn ends at once with an empty done. The
 * statements are {@link TakeoverRepository}'s; this class holds the transactions.
 */
@ApplicationScoped
public class HumanRelay {

  /** The agent name a relayed turn starts with. */
  public static final String HUMAN = "human";

  private final Pool pool;
  private final ConversationRepository conversations;
  private final TakeoverRepository takeovers;
  private final ConsoleFeed console;

  HumanRelay(
      Pool pool,
      ConversationRepository conversations,
      TakeoverRepository takeovers,
      ConsoleFeed console) {
    this.pool = pool;
    this.conversations = conversations;
    this.takeovers = takeovers;
    this.console = console;
  }

  /** The relayed turn's events, or null when no human holds the conversation (the bot answers). */
  Uni<Multi<TurnEvent>> relayIfTakenOver(TurnRequest request, boolean blocked) {
    UUID id = request.conversationId();
    return pool.withTransaction(
        db ->
            takeovers
                .lockHolder(db, id, request.customerId())
                .chain(
                    agent ->
                        agent.isEmpty()
                            ? Uni.createFrom().<Multi<TurnEvent>>nullItem()
                            : relay(db, request, agent.get(), blocked)));
  }

  /** Stores the customer's message and shows it to the agent holding the conversation. */
  private Uni<Multi<TurnEvent>> relay(
      SqlClient db, TurnRequest request, String agent, boolean blocked) {
    UUID id = request.conversationId();
    UUID turnId = UUID.randomUUID();
    StoredMessage message =
        new StoredMessage(turnId, "user", null, request.message(), List.of(), null, null);
    return conversations
        .append(db, id, List.of(message), blocked)
        .call(() -> takeovers.touch(db, id))
        .call(
            () ->
                console.publish(
                    db,
                    "customer_message",
                    new JsonObject()
                        .put("conversationId", id.toString())
                        .put("customerId", request.customerId())
                        .put("agent", agent)
                        .put("text", request.message())
                        .put("blocked", blocked)))
        .map(
            ignored ->
                Multi.createFrom()
                    .items(
                        new TurnEvent.TurnStarted(id, turnId, HUMAN),
                        new TurnEvent.Done(id, "", false, false, null, 0.0)));
  }

  /**
   * Tells the console the customer is typing, while a human agent holds the conversation (nobody
   * else watches); a failure only loses the hint.
   */
  Uni<Void> showTyping(UUID conversation, String customerId) {
    return pool.withTransaction(
        db ->
            takeovers
                .heldByHuman(db, conversation, customerId)
                .chain(
                    held ->
                        held
                            ? console.publish(
                                db,
                                "customer_typing",
                                new JsonObject()
                                    .put("conversationId", conversation.toString())
                                    .put("customerId", customerId))
                            : Uni.createFrom().voidItem()));
  }
}
