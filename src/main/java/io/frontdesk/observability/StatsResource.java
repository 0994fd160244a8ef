package io.frontdesk.observability;

import io.frontdesk.http.BadRequest;
import io.frontdesk.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The support KPIs for operators, live from the database. */
@Path("/api/v1/admin/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@RolesAllowed(Roles.ADMIN)
public class StatsResource {

  private static final Duration MAX_WINDOW = Duration.ofDays(366);

  private final SupportStats stats;

  StatsResource(SupportStats stats) {
    this.stats = stats;
  }

  @GET
  @Operation(
      summary =
          "Automation rate, first-response time, resolution rate, escalations by reason and cost"
              + " per resolved conversation for [since, until) (ISO-8601 date or date-time;"
              + " default the last 24 h)")
  public Uni<SupportStats.Stats> get(
      @QueryParam("since") String since, @QueryParam("until") String until) {
    OffsetDateTime to =
        until == null || until.isBlank()
            ? OffsetDateTime.now(ZoneOffset.UTC)
            : time(until, "until");
    OffsetDateTime from = since == null || since.isBlank() ? to.minusDays(1) : time(since, "since");
    if (!from.isBefore(to)) {
      throw new BadRequest("since must be before until");
    }
    if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      throw new BadRequest("the window is at most 366 days");
    }
    return stats.of(from, to);
  }

  private static OffsetDateTime time(String value, String name) {
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException notDateTime) {
      try {
        return LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException notDate) {
        throw new BadRequest(
            name + " must be an ISO-8601 date (2026-12-01) or date-time (2026-12-01T09:00:00Z)");
      }
    }
  }
}
