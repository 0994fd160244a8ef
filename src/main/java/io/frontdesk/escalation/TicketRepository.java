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
import java.util.Arrays;

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
