package io.frontdesk.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.conversation.ConversationFeed;
import io.frontdesk.conversation.ConversationRepository;
import io.frontdesk.conversation.StoredMessage;
import io.frontdesk.http.Conflict;
import io.frontdesk.http.NotFound;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
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

  private static final String COLUMNS =
      "id, conversation_id, customer_id, status, priority, category, reason, summary, confidence,"
          + " context, created_at, resolved_at, resolved_by, resolution_note";

  private final Pool pool;
  private final ConversationRepository conversations;
  private final ConversationFeed feed;
  private final ConsoleFeed console;
  private final ObjectMapper json;

  TicketDesk(
      Pool pool,
      ConversationRepository conversations,
      ConversationFeed feed,
      ConsoleFeed console,
      ObjectMapper json) {
    this.pool = pool;
    this.conversations = conversations;
    this.feed = feed;
    this.console = console;
    this.json = json;
  }

  /** Open and in-progress tickets first, then the rest; newest first within each. */
  public Uni<List<DeskTicket>> queue(String status, int limit) {
    String where = status == null ? "" : " where status = $2";
    Tuple args = status == null ? Tuple.of(limit) : Tuple.of(limit, status);
    return pool.preparedQuery(
            "select "
                + COLUMNS
                + " from ticket"
                + where
                + " order by case when status in ('open', 'in_progress') then 0 else 1 end, id"
                + " desc limit $1")
        .execute(args)
        .onItem()
        .transformToMulti(rows -> Multi.createFrom().iterable(rows))
        .onItem()
        .transformToUniAndConcatenate(this::withTranscript)
        .collect()
        .asList();
  }

  public Uni<DeskTicket> find(long number) {
    return pool.preparedQuery("select " + COLUMNS + " from ticket where id = $1")
        .execute(Tuple.of(number))
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw new NotFound("ticket", "TCK-" + number);
              }
              return withTranscript(rows.iterator().next());
            });
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
                db.preparedQuery(
                        "update ticket set status = 'resolved', resolved_at = now(), resolved_by ="
                            + " $2, resolution_note = $3, updated_at = now() where id = $1 and"
                            + " status in ('open', 'in_progress') returning conversation_id,"
                            + " customer_id")
                    .execute(Tuple.of(number, agent, note))
                    .chain(
                        rows -> {
                          if (!rows.iterator().hasNext()) {
                            return exists(db, number)
                                .map(
                                    found -> {
                                      throw found
                                          ? new Conflict(ticketId + " is already resolved")
                                          : new NotFound("ticket", ticketId);
                                    });
                          }
                          Row r = rows.iterator().next();
                          UUID conversation = r.getUUID("conversation_id");
                          JsonObject event =
                              new JsonObject()
                                  .put("ticketId", ticketId)
                                  .put("agent", agent)
                                  .put("note", note);
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
                                          .put(
                                              "conversationId",
                                              conversation == null ? null : conversation.toString())
                                          .put("customerId", r.getString("customer_id"))));
                        }))
        .chain(() -> find(number));
  }

  private Uni<Void> told(
      SqlClient db,
      UUID conversation,
      String ticketId,
      String agent,
      String note,
      JsonObject event) {
    String text =
        note == null || note.isBlank()
            ? "Your ticket #%s has been resolved.".formatted(ticketId)
            : "Your ticket #%s has been resolved: %s".formatted(ticketId, note);
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
        .call(
            () ->
                db.preparedQuery(
                        "update conversation set status = 'resolved', updated_at = now() where id"
                            + " = $1")
                    .execute(Tuple.of(conversation)))
        .call(
            () ->
                feed.publishJson(
                    db,
                    conversation,
                    List.of(event.copy().put("type", "ticket_resolved").put("text", text))));
  }

  private static Uni<Boolean> exists(SqlClient db, long number) {
    return db.preparedQuery("select 1 from ticket where id = $1")
        .execute(Tuple.of(number))
        .map(rows -> rows.iterator().hasNext());
  }

  private Uni<DeskTicket> withTranscript(Row r) {
    UUID conversation = r.getUUID("conversation_id");
    Uni<List<StoredMessage>> transcript =
        conversation == null
            ? Uni.createFrom().item(List.<StoredMessage>of())
            : conversations.transcript(pool, conversation);
    JsonObject context = (JsonObject) r.getValue("context");
    long number = r.getLong("id");
    return transcript.map(
        messages ->
            new DeskTicket(
                "TCK-" + number,
                number,
                conversation,
                r.getString("customer_id"),
                r.getString("status"),
                r.getString("priority"),
                r.getString("category"),
                r.getString("reason"),
                r.getString("summary"),
                r.getBigDecimal("confidence") == null
                    ? 0.0
                    : r.getBigDecimal("confidence").doubleValue(),
                json.valueToTree(
                    context == null ? List.of() : context.getJsonArray("toolTrace", null)),
                context == null ? null : context.getString("agent"),
                context == null ? null : context.getString("tier"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("resolved_at"),
                r.getString("resolved_by"),
                r.getString("resolution_note"),
                messages));
  }
}
