package io.frontdesk.console;

import io.frontdesk.http.BadRequest;
import io.frontdesk.http.NotFound;
import io.frontdesk.http.StrictJson;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ticket queue of the console: open tickets first, each with its context and transcript. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/console/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "console")
@RolesAllowed(Roles.AGENT)
public class ConsoleTicketResource {

  private static final Pattern ID = Pattern.compile("(?:TCK-)?(\\d{1,18})");
  private static final Set<String> STATUSES = Set.of("open", "in_progress", "resolved", "closed");

  /** How the agent resolved it; the customer is told the note. */
  public record Resolution(String note) {}

  private final TicketDesk desk;
  private final CurrentCaller caller;

  ConsoleTicketResource(TicketDesk desk, CurrentCaller caller) {
    this.desk = desk;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary =
          "Tickets, open first, with transcript, tool trace, confidence and reason (status: open,"
              + " in_progress, resolved, closed; default all)")
  public Uni<List<TicketDesk.DeskTicket>> queue(
      @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit) {
    if (status != null && !STATUSES.contains(status)) {
      throw new BadRequest("status must be one of " + STATUSES);
    }
    if (limit < 1 || limit > 200) {
      throw new BadRequest("limit must be 1..200");
    }
    return desk.queue(status, limit);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One ticket, e.g. TCK-1001")
  public Uni<TicketDesk.DeskTicket> get(@PathParam("id") String id) {
    return desk.find(number(id));
  }

  @POST
  @Path("/{id}/resolve")
  @Operation(
      summary =
          "Resolve the ticket: the customer's chat is told (ticket_resolved), the transcript keeps"
              + " the note; 409 if already resolved")
  public Uni<TicketDesk.DeskTicket> resolve(@PathParam("id") String id, Resolution resolution) {
    String note = resolution == null || resolution.note() == null ? "" : resolution.note().strip();
    if (note.length() > 2000) {
      throw new BadRequest("note is %d characters; the limit is 2000".formatted(note.length()));
    }
    return desk.resolve(number(id), caller.subject(), note);
  }

  private static long number(String id) {
    Matcher m = ID.matcher(id.strip());
    if (!m.matches()) {
      throw new NotFound("ticket", id);
    }
    return Long.parseLong(m.group(1));
  }
}
