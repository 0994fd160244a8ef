package io.frontdesk.escalation;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Tickets over the reactive SQL client. */
@ApplicationScoped
public class TicketRepository {

  public Uni<Ticket> open(SqlClient db, Escalation e) {
    JsonObject context =
        new JsonObject()
            .put("summary", e.summary())
            .put("category", e.category())
            .put("reason", e.reason().code())
            .put("confidence", e.confidence())
            .put("agent", e.agent())
            .put("tier", e.tier())
            .put("transcript", "/api/v1/conversations/" + e.conversationId())
            .put("toolTrace", new JsonArray(e.toolTrace().stream().map(JsonObject::new).toList()));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return db.preparedQuery(
            "insert into ticket (conversation_id, customer_id, status, priority, category, reason,"
                + " summary, confidence, context, created_at, updated_at) values ($1, $2, 'open',"
                + " $3, $4, $5, $6, $7, $8, $9, $9) returning id, conversation_id, customer_id,"
                + " status, priority, category, reason, summary, confidence, created_at")
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
                    now)))
        .map(rows -> ticket(rows.iterator().next()));
  }

  private static final String COLUMNS =
      "id, conversation_id, customer_id, status, priority, category, reason, summary, confidence,"
          + " created_at";

  /** The customer's own tickets, newest first. */
  public Uni<List<Ticket>> ofCustomer(SqlClient db, String customerId, int limit) {
    return db.preparedQuery(
            "select " + COLUMNS + " from ticket where customer_id = $1 order by id desc limit $2")
        .execute(Tuple.of(customerId, limit))
        .map(
            rows -> {
              List<Ticket> out = new ArrayList<>();
              rows.forEach(r -> out.add(ticket(r)));
              return out;
            });
  }

  /** One of the customer's own tickets by number; another customer's is as good as missing. */
  public Uni<Optional<Ticket>> findOwned(SqlClient db, long number, String customerId) {
    return db.preparedQuery("select " + COLUMNS + " from ticket where id = $1 and customer_id = $2")
        .execute(Tuple.of(number, customerId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(ticket(rows.iterator().next()))
                    : Optional.empty());
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
        r.getOffsetDateTime("created_at"));
  }
}
