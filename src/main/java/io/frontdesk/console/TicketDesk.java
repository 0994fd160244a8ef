package io.frontdesk.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.conversation.ConversationRepository;
import io.frontdesk.conversation.StoredMessage;
import io.frontdesk.escalation.TicketRepository;
import io.frontdesk.escalation.TicketRepository.TicketFile;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.http.Conflict;
import io.frontdesk.http.NotFound;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Tickets as the human agents work them: the queue (open first) with each ticket's context package
 * and transcript, and resolving one — the customer is told in their chat and the transcript keeps
 * it.
 */
@ApplicationScoped
public class TicketDesk {

  /** A ticket with everything the agent needs to act on it. */
  public record DeskTicket(
      String ticketId,
      long number,
      UUID conversationId,
      String customerId,
      String status,
      String priority,
      String category,
      String reason,
      String summary,
      double confidence,
      JsonNode toolTrace,
      String agent,
      String tier,
      OffsetDateTime createdAt,
      OffsetDateTime resolvedAt,
      String resolvedBy,
      String resolutionNote,
      List<StoredMessage> transcript) {}

  private final Pool pool;
  private final TicketRepository tickets;
  private final ConsoleConversationRepository holders;
  private final ConversationRepository conversations;
  private final ConversationFeed feed;
  private final ConsoleFeed console;
  private final ObjectMapper json;

  TicketDesk(
      Pool pool,
      TicketRepository tickets,
      ConsoleConversationRepository holders,
      ConversationRepository conversations,
      ConversationFeed feed,
      ConsoleFeed console,
      ObjectMapper json) {
    this.pool = pool;
    this.tickets = tickets;
    this.holders = holders;
    this.conversations = conversations;
    this.feed = feed;
    this.console = console;
    this.json = json;
  }

  /** Open and in-progress tickets first, then the rest; newest first within each. */
  public Uni<List<DeskTicket>> queue(String status, int limit) {
    return tickets
        .queue(status, limit)
        .onItem()
        .transformToMulti(files -> Multi.createFrom().iterable(files))
        .onItem()
        .transformToUniAndConcatenate(this::withTranscript)
        .collect()
        .asList();
  }

  public Uni<DeskTicket> find(long number) {
    return tickets
        .file(number)
        .chain(
            file ->
                withTranscript(file.orElseThrow(() -> new NotFound("ticket", "TCK-" + number))));
  }

  /**
   * Resolves the ticket once (a second time is a conflict): the ticket and its conversation are
   * marked resolved, the note is stored in the transcript as the agent's message, and the
   * customer's chat gets {@code ticket_resolved}.
   */
  public Uni<DeskTicket> resolve(long number, String agent, String note) {
    String ticketId = "TCK-" + number;
    return pool.withTransaction(
            db ->
                tickets
                    .resolve(db, number, agent, note)
                    .chain(
                        resolved ->
                            resolved.isPresent()
                                ? resolved(db, ticketId, resolved.get(), agent, note)
                                : tickets
                                    .exists(db, number)
                                    .map(
                                        found -> {
                                          throw found
                                              ? new Conflict(ticketId + " is already resolved")
                                              : new NotFound("ticket", ticketId);
                                        })))
        .chain(() -> find(number));
  }

  /** What a resolution tells: the customer's chat (when it has one) and the console. */
  private Uni<Void> resolved(
      SqlClient db, String ticketId, TicketRepository.Resolved ticket, String agent, String note) {
    UUID conversation = ticket.conversationId();
    JsonObject event =
        new JsonObject().put("ticketId", ticketId).put("agent", agent).put("note", note);
    Uni<Void> told =
        conversation == null
            ? Uni.createFrom().voidItem()
            : told(db, conversation, ticketId, agent, note, event);
    return told.call(
        () ->
            console.publish(
                db,
                "ticket_resolved",
                event
                    .copy()
                    .put("conversationId", conversation == null ? null : conversation.toString())
                    .put("customerId", ticket.customerId())));
  }

  private Uni<Void> told(
      SqlClient db,
      UUID conversation,
      String ticketId,
      String agent,
      String note,
      JsonObject event) {
    // in the customer's language, as the conversation follows it
    return conversations
        .language(db, conversation)
        .map(
            language ->
                note == null || note.isBlank()
                    ? Notices.text(language, Notice.TICKET_RESOLVED, ticketId)
                    : Notices.text(language, Notice.TICKET_RESOLVED_NOTE, ticketId, note))
        .chain(text -> resolvedWith(db, conversation, agent, text, event));
  }

  private Uni<Void> resolvedWith(
      SqlClient db, UUID conversation, String agent, String text, JsonObject event) {
    return conversations
        .append(
            db,
            conversation,
            List.of(
                new StoredMessage(
                    UUID.randomUUID(),
                    "assistant",
                    TakeoverService.author(agent),
                    text,
                    List.of(),
                    null,
                    null)))
        .call(() -> holders.resolve(db, conversation))
        .call(
            () ->
                feed.publishJson(
                    db,
                    conversation,
                    List.of(event.copy().put("type", "ticket_resolved").put("text", text))));
  }

  private Uni<DeskTicket> withTranscript(TicketFile t) {
    Uni<List<StoredMessage>> transcript =
        t.conversationId() == null
            ? Uni.createFrom().item(List.<StoredMessage>of())
            : conversations.transcript(pool, t.conversationId());
    JsonObject context = t.context();
    return transcript.map(
        messages ->
            new DeskTicket(
                "TCK-" + t.number(),
                t.number(),
                t.conversationId(),
                t.customerId(),
                t.status(),
                t.priority(),
                t.category(),
                t.reason(),
                t.summary(),
                t.confidence(),
                json.valueToTree(
                    context == null ? List.of() : context.getJsonArray("toolTrace", null)),
                context == null ? null : context.getString("agent"),
                context == null ? null : context.getString("tier"),
                t.createdAt(),
                t.resolvedAt(),
                t.resolvedBy(),
                t.resolutionNote(),
                messages));
  }
}
