package io.frontdesk.toolgate;

import io.frontdesk.http.BadRequest;
import io.frontdesk.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
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

  private final AuditLog audit;

  AuditResource(AuditLog audit) {
    this.audit = audit;
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
    return audit.search(new AuditRepository.Filter(customer, tool, decision, actor, from, limit));
  }
}
