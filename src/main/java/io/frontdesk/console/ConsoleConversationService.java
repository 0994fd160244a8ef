package io.frontdesk.console;

import io.frontdesk.console.ConsoleConversationRepository.LiveConversation;
import io.frontdesk.conversation.ConversationRepository;
import io.frontdesk.conversation.StoredMessage;
import io.frontdesk.http.NotFound;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Conversations as the console lists them and opens one: its header and whole transcript. */
@ApplicationScoped
public class ConsoleConversationService {

  /** One conversation for the console: its header, who holds it, the whole transcript. */
  public record ConsoleTranscript(
      UUID id,
      String customerId,
      String status,
      String activeAgent,
      String takenOverBy,
      List<StoredMessage> messages) {}

  private final Pool pool;
  private final ConsoleConversationRepository console;
  private final ConversationRepository conversations;

  ConsoleConversationService(
      Pool pool, ConsoleConversationRepository console, ConversationRepository conversations) {
    this.pool = pool;
    this.console = console;
    this.conversations = conversations;
  }

  /**
   * Conversations updated within the last {@code minutes}, taken over, or waiting for an approval;
   * newest first.
   */
  public Uni<List<LiveConversation>> live(int minutes, int limit) {
    return console.live(minutes, limit);
  }

  /** The conversation with its transcript; 404 when there is none. */
  public Uni<ConsoleTranscript> transcript(UUID id) {
    return console
        .header(id)
        .chain(
            found -> {
              ConsoleConversationRepository.Header h =
                  found.orElseThrow(() -> new NotFound("conversation", id.toString()));
              return conversations
                  .transcript(pool, id)
                  .map(
                      messages ->
                          new ConsoleTranscript(
                              id,
                              h.customerId(),
                              h.status(),
                              h.activeAgent(),
                              h.takenOverBy(),
                              messages));
            });
  }
}
