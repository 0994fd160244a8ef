package io.frontdesk.observability;

import io.frontdesk.http.TimeWindow;
import io.frontdesk.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
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
    TimeWindow window = TimeWindow.of(since, until, Duration.ofDays(1), MAX_WINDOW);
    return stats.of(window.since(), window.until());
  }
}
