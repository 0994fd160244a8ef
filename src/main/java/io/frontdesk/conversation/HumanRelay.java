package io.frontdesk.conversation;

import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.turn.TurnEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * While a human agent has taken a conversation over, the bot does not answer: the customer's
 * message is stored in the transcript (so the model sees it after hand-back) and shown to the agent
 * on the console feed, and no model is called. The turn ends at once with an empty done.
 */
@ApplicationScoped
public class HumanRelay {

  /** The agent name a relayed turn starts with. */
  public static final String HUMAN = "human";

  private final Pool pool;
  private final ConversationRepository conversations;
  private final ConsoleFeed console;

  HumanRelay(Pool pool, ConversationRepository conversations, ConsoleFeed console) {
    this.pool = pool;
    this.conversations = conversations;
    this.console = console;
  }

  /** The relayed turn's events, or null when no human holds the conversation (the bot answers). */
  Uni<Multi<TurnEvent>> relayIfTakenOver(TurnRequest request, boolean blocked) {
    UUID id = request.conversationId();
    UUID turnId = UUID.randomUUID();
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    "select taken_over_by from conversation where id = $1 and customer_id = $2"
                        + " and taken_over_by is not null for update")
                .execute(Tuple.of(id, request.customerId()))
                .chain(
                    rows -> {
                      if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().<Multi<TurnEvent>>nullItem();
                      }
                      String agent = rows.iterator().next().getString("taken_over_by");
                      return conversations
                          .append(
                              db,
                              id,
                              List.of(
                                  new StoredMessage(
                                      turnId,
                                      "user",
                                      null,
                                      request.message(),
                                      List.of(),
                                      null,
                                      null)),
                              blocked)
                          .call(
                              () ->
                                  db.preparedQuery(
                                          "update conversation set updated_at = now() where id ="
                                              + " $1")
                                      .execute(Tuple.of(id)))
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
                    }));
  }
}
