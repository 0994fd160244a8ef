package io.frontdesk.turn;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns Frontdesk runs itself to carry news into a conversation (an approval's decision): a note
 * stored as the conversation's next message, a prelude that runs first inside the turn, then the
 * agent as for any message. The engine implements it; features below it reach the engine only
 * through here.
 */
public interface SystemNotes {

  /**
   * Runs the note as turn {@code turnId} (the same id however often it is tried, so the note is
   * stored once). Fails with {@link io.frontdesk.http.Conflict} while another turn holds the
   * conversation.
   */
  Multi<TurnEvent> run(
      String customerId,
      UUID conversationId,
      String note,
      UUID turnId,
      Function<RunningTurn, List<TurnEvent>> prelude);

  /** The answer stored for turn {@code turnId}, if that turn ran to its end. */
  Uni<Optional<String>> answerOf(UUID conversationId, UUID turnId);
}
