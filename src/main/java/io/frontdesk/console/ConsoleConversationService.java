package io.frontdesk.console;

import io.frontdesk.console.ConsoleConversationRepository.LiveConversation;
import io.frontdesk.conversation.ConversationRepository;
import io.frontdesk.conversation.StoredMessage;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.http.NotFound;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Conversations as the console lists them and opens one: its header and whole transcript. */
@ApplicationScoped
public class ConsoleConversationService {

  /**
   * One conversation for the console: its header, who holds it, the whole transcript and every tool
   * call with its outcome.
   */
  public record ConsoleTranscript(
      UUID id,
      String customerId,
      String status,
      String activeAgent,
      String takenOverBy,
      List<StoredMessage> messages,
      List<ConsoleConversationRepository.ToolStep> toolSteps,
      List<NoteRepository.Note> notes) {}

  private final Pool pool;
  private final ConsoleConversationRepository console;
  private final ConversationRepository conversations;
  private final NoteRepository notes;
  private final ConsoleFeed feed;

  ConsoleConversationService(
      Pool pool,
      ConsoleConversationRepository console,
      ConversationRepository conversations,
      NoteRepository notes,
      ConsoleFeed feed) {
    this.pool = pool;
    this.console = console;
    this.conversations = conversations;
    this.notes = notes;
    this.feed = feed;
  }

  /**
   * A private note on the conversation, for agents only: stored apart from the transcript (no
   * channel, replay or model reads it) and announced on the console feed alone.
   */
  public Uni<NoteRepository.Note> addNote(UUID id, String agent, String text) {
    return console
        .header(id)
        .chain(
            found -> {
              String customer =
                  found.orElseThrow(() -> new NotFound("conversation", id.toString())).customerId();
              return pool.withTransaction(
                  db ->
                      notes
                          .add(db, id, agent, text, OffsetDateTime.now(ZoneOffset.UTC))
                          .call(
                              note ->
                                  feed.publish(
                                      db,
                                      "note_added",
                                      new JsonObject()
                                          .put("conversationId", id.toString())
                                          .put("customerId", customer)
                                          .put("agent", agent)
                                          .put("text", text))));
            });
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
              return Uni.combine()
                  .all()
                  .unis(conversations.transcript(pool, id), console.toolSteps(id), notes.of(id))
                  .with(
                      (messages, steps, written) ->
                          new ConsoleTranscript(
                              id,
                              h.customerId(),
                              h.status(),
                              h.activeAgent(),
                              h.takenOverBy(),
                              messages,
                              steps,
                              written));
            });
  }
}
