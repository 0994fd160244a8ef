package io.frontdesk.conversation;

import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.SystemNotes;
import io.frontdesk.turn.TurnEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** System notes run by the turn engine, like any message, with the note's prelude first. */
@ApplicationScoped
class EngineSystemNotes implements SystemNotes {

  private final TurnEngine engine;
  private final ConversationRepository conversations;
  private final Pool pool;

  EngineSystemNotes(TurnEngine engine, ConversationRepository conversations, Pool pool) {
    this.engine = engine;
    this.conversations = conversations;
    this.pool = pool;
  }

  @Override
  public Multi<TurnEvent> run(
      String customerId,
      UUID conversationId,
      String note,
      UUID turnId,
      Function<RunningTurn, List<TurnEvent>> prelude) {
    return engine.run(TurnRequest.systemNote(customerId, conversationId, note, turnId, prelude));
  }

  @Override
  public Uni<Optional<String>> answerOf(UUID conversationId, UUID turnId) {
    return conversations.answerOf(pool, conversationId, turnId);
  }
}
