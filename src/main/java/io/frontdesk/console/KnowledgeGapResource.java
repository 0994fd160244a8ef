package io.frontdesk.console;

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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the help centre lacks, for the admins who write it. */
@Path("/api/v1/admin/knowledge-gaps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@RolesAllowed(Roles.ADMIN)
public class KnowledgeGapResource {

  private static final Duration MAX_WINDOW = Duration.ofDays(366);

  private final KnowledgeGaps gaps;

  KnowledgeGapResource(KnowledgeGaps gaps) {
    this.gaps = gaps;
  }

  @GET
  @Operation(
      summary =
          "Topics of the questions escalated for low confidence or at the agent's request in"
              + " [since, until) (default the last 30 days), grouped by meaning: count, examples,"
              + " tickets and a draft article to complete and publish with POST"
              + " /api/v1/admin/knowledge/articles")
  public Uni<List<KnowledgeGaps.Topic>> topics(
      @QueryParam("since") String since, @QueryParam("until") String until) {
    TimeWindow window = TimeWindow.of(since, until, Duration.ofDays(30), MAX_WINDOW);
    return gaps.topics(window.since(), window.until());
  }
}
