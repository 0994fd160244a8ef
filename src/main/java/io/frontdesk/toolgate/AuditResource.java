package io.frontdesk.toolgate;

import io.frontdesk.http.BadRequest;
import io.frontdesk.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log for administrators: every decision of the gate and of reviewers, newest first,
 * filtered. Read only — there is no update or delete path, and the table refuses both.
 */
@Path("/api/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

  static final int MAX_LIMIT = 500;
  static final Set<String> DECISIONS =
      Set.of(
          "allowed",
          "denied",
          "approved",
          "rejected",
          "executed",
          "failed",
          "replayed",
          "approval_requested",
          "expired");

  /** One audit row as the API shows it. */
  public record AuditRow(
      long id,
      OffsetDateTime occurredAt,
      String actorType,
      String actorId,
      String customerId,
      UUID conversationId,
      String action,
      Map<String, Object> arguments,
      String decision,
      String reason,
      String result) {}

  private final Pool pool;

  AuditResource(Pool pool) {
    this.pool = pool;
  }

  @GET
  @Operation(
      summary =
          "Audit entries, newest first, by customer, tool (action), decision, actor and time"
              + " (since: ISO-8601)")
  public Uni<List<AuditRow>> search(
      @QueryParam("customer") String customer,
      @QueryParam("tool") String tool,
      @QueryParam("decision") String decision,
      @QueryParam("actor") String actor,
      @QueryParam("since") String since,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (decision != null && !DECISIONS.contains(decision)) {
      throw new BadRequest("decision must be one of " + DECISIONS);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    OffsetDateTime from;
    try {
      from = since == null ? null : OffsetDateTime.parse(since);
    } catch (DateTimeParseException e) {
      throw new BadRequest("since must be an ISO-8601 time such as 2026-11-01T00:00:00Z");
    }
    return pool.preparedQuery(
            "select * from audit_log where ($1::text is null or customer_id = $1) and ($2::text is"
                + " null or action = $2) and ($3::text is null or decision = $3) and ($4::text is"
                + " null or actor_id = $4) and ($5::timestamptz is null or occurred_at >= $5)"
                + " order by id desc limit $6")
        .execute(Tuple.from(Arrays.asList(customer, tool, decision, actor, from, limit)))
        .map(
            rows -> {
              List<AuditRow> out = new ArrayList<>();
              for (Row r : rows) {
                JsonObject args = (JsonObject) r.getValue("arguments");
                out.add(
                    new AuditRow(
                        r.getLong("id"),
                        r.getOffsetDateTime("occurred_at"),
                        r.getString("actor_type"),
                        r.getString("actor_id"),
                        r.getString("customer_id"),
                        r.getUUID("conversation_id"),
                        r.getString("action"),
                        args == null ? null : args.getMap(),
                        r.getString("decision"),
                        r.getString("reason"),
                        r.getString("result")));
              }
              return out;
            });
  }
}
