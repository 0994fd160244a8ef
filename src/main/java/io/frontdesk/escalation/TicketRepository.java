package io.frontdesk.escalation;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tickets over the reactive SQL client: opened in the transaction that stores what opened them (a
 * turn, an approval's outcome), read by customers and worked by human agents.
 */
@ApplicationScoped
public class TicketRepository {

  /** A ticket with all the human agents work from: its context package and its resolution. */
  public record TicketFile(
      long number,
      UUID conversationId,
      String customerId,
      String status,
      String priority,
      String category,
      String reason,
      String summary,
      double confidence,
      JsonObject context,
      OffsetDateTime createdAt,
      OffsetDateTime resolvedAt,
      String resolvedBy,
      String resolutionNote) {}

  /** The ticket a resolution closed: its conversation (null without one) and customer. */
  public record Resolved(UUID conversationId, String customerId) {}

  private static final String COLUMNS =
      "id, conversation_id, customer_id, status, priority, category, reason, summary, confidence,"
          + " created_at, coalesce(jsonb_array_length(context->'reasons'), 1) as escalations";

  private static final String FILE_COLUMNS =
      "id, conversation_id, customer_id, status, priority, category, reason, summary, confidence,"
          + " context, created_at, resolved_at, resolved_by, resolution_note";

  private final Pool pool;

  TicketRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Opens a ticket for the escalation, or adds it to its conversation's open one (a conversation
   * has one open ticket: its turns are serialised by the conversation's lock, so two never race
   * here).
   */
  public Uni<Ticket> openOrAdd(SqlClient db, Escalation e) {
    if (e.conversationId() == null) {
      return open(db, e);
    }
    return db.preparedQuery(
            "update ticket set context = jsonb_set(context, '{reasons}', coalesce(context->'reasons',"
                + " jsonb_build_array(jsonb_build_object('reason', reason, 'summary', summary))) ||"
                + " jsonb_build_array($2::jsonb)), updated_at = $3, language = coalesce($4, language)"
                + " where id = (select id from ticket"
                + " where conversation_id = $1 and status in ('open', 'in_progress') order by id"
                + " desc limit 1 for update) returning "
                + COLUMNS)
        .execute(
            Tuple.of(
                e.conversationId(), reason(e), OffsetDateTime.now(ZoneOffset.UTC), e.language()))
        .chain(
            rows ->
                rows.size() == 0 ? open(db, e) : Uni.createFrom().item(ticket(Rows.first(rows))));
  }

  /** One escalation as the ticket's context lists it. */
  private static JsonObject reason(Escalation e) {
    return new JsonObject()
        .put("reason", e.reason().code())
        .put("summary", e.summary())
        .put("confidence", e.confidence())
        .put("agent", e.agent())
        .put("toolTrace", new JsonArray(e.toolTrace().stream().map(JsonObject::new).toList()));
  }

  public Uni<Ticket> open(SqlClient db, Escalation e) {
    JsonObject context =
        new JsonObject()
            .put("summary", e.summary())
            .put("category", e.category())
            .put("reason", e.reason().code())
            .put("confidence", e.confidence())
            .put("agent", e.agent())
            .put("tier", e.tier())
            .put("language", e.language())
            .put("transcript", "/api/v1/conversations/" + e.conversationId())
            .put("toolTrace", new JsonArray(e.toolTrace().stream().map(JsonObject::new).toList()))
            .put("reasons", new JsonArray().add(reason(e)));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return db.preparedQuery(
            "insert into ticket (conversation_id, customer_id, status, priority, category, reason,"
                + " summary, confidence, context, created_at, updated_at, language) values ($1, $2,"
                + " 'open', $3, $4, $5, $6, $7, $8, $9, $9, $10) returning "
                + COLUMNS)
        .execute(
            Tuple.from(
                Arrays.asList(
                    e.conversationId(),
                    e.customerId(),
                    e.priority(),
                    e.category(),
                    e.reason().code(),
                    e.summary(),
                    e.confidence(),
                    context,
                    now,
                    e.language())))
        .map(rows -> ticket(Rows.first(rows)));
  }

  /** The customer's own tickets, newest first. */
  public Uni<List<Ticket>> ofCustomer(String customerId, int limit) {
    return pool.preparedQuery(
            "select " + COLUMNS + " from ticket where customer_id = $1 order by id desc limit $2")
        .execute(Tuple.of(customerId, limit))
        .map(rows -> Rows.list(rows, TicketRepository::ticket));
  }

  /** One of the customer's own tickets by number; another customer's is as good as missing. */
  public Uni<Optional<Ticket>> findOwned(long number, String customerId) {
    return pool.preparedQuery(
            "select " + COLUMNS + " from ticket where id = $1 and customer_id = $2")
        .execute(Tuple.of(number, customerId))
        .map(rows -> Rows.optional(rows, TicketRepository::ticket));
  }

  /**
   * The human agents' queue: open and in-progress tickets first, then the rest, newest first within
   * each; only those in {@code status} unless it is null.
   */
  public Uni<List<TicketFile>> queue(String status, int limit) {
    String where = status == null ? "" : " where status = $2";
    Tuple args = status == null ? Tuple.of(limit) : Tuple.of(limit, status);
    return pool.preparedQuery(
            "select "
                + FILE_COLUMNS
                + " from ticket"
                + where
                + " order by case when status in ('open', 'in_progress') then 0 else 1 end, id"
                + " desc limit $1")
        .execute(args)
        .map(rows -> Rows.list(rows, TicketRepository::file));
  }

  /** Any ticket by number, with its context package. */
  public Uni<Optional<TicketFile>> file(long number) {
    return pool.preparedQuery("select " + FILE_COLUMNS + " from ticket where id = $1")
        .execute(Tuple.of(number))
        .map(rows -> Rows.optional(rows, TicketRepository::file));
  }

  /**
   * Resolves an open or in-progress ticket in {@code db}'s transaction; empty when there is no such
   * ticket or it was resolved already ({@link #exists} tells which).
   */
  public Uni<Optional<Resolved>> resolve(SqlClient db, long number, String agent, String note) {
    return db.preparedQuery(
            "update ticket set status = 'resolved', resolved_at = now(), resolved_by = $2,"
                + " resolution_note = $3, updated_at = now() where id = $1 and status in ('open',"
                + " 'in_progress') returning conversation_id, customer_id")
        .execute(Tuple.of(number, agent, note))
        .map(
            rows ->
                Rows.optional(
                    rows,
                    r -> new Resolved(r.getUUID("conversation_id"), r.getString("customer_id"))));
  }

  public Uni<Boolean> exists(SqlClient db, long number) {
    return db.preparedQuery("select 1 from ticket where id = $1")
        .execute(Tuple.of(number))
        .map(rows -> rows.size() > 0);
  }

  private static TicketFile file(Row r) {
    BigDecimal confidence = r.getBigDecimal("confidence");
    return new TicketFile(
        r.getLong("id"),
        r.getUUID("conversation_id"),
        r.getString("customer_id"),
        r.getString("status"),
        r.getString("priority"),
        r.getString("category"),
        r.getString("reason"),
        r.getString("summary"),
        confidence == null ? 0.0 : confidence.doubleValue(),
        (JsonObject) r.getValue("context"),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("resolved_at"),
        r.getString("resolved_by"),
        r.getString("resolution_note"));
  }

  static Ticket ticket(Row r) {
    long number = r.getLong("id");
    return new Ticket(
        Ticket.publicId(number),
        number,
        r.getUUID("conversation_id"),
        r.getString("customer_id"),
        r.getString("status"),
        r.getString("priority"),
        r.getString("category"),
        r.getString("reason"),
        r.getString("summary"),
        r.getBigDecimal("confidence").doubleValue(),
        r.getOffsetDateTime("created_at"),
        r.getInteger("escalations"));
  }
}
