package io.frontdesk.escalation;

import io.frontdesk.http.NotFound;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's own tickets; another customer's ticket is not found. */
@Path("/api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tickets")
@RolesAllowed(Roles.CUSTOMER)
public class TicketResource {

  static final int MAX_LIST = 100;
  private static final Pattern ID = Pattern.compile("(?:TCK-)?(\\d{1,18})");

  private final TicketRepository tickets;
  private final CurrentCaller caller;

  TicketResource(TicketRepository tickets, CurrentCaller caller) {
    this.tickets = tickets;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "The calling customer's tickets, newest first")
  public Uni<List<Ticket>> mine() {
    return tickets.ofCustomer(caller.customerId(), MAX_LIST);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One of the calling customer's tickets, e.g. TCK-1001")
  public Uni<Ticket> get(@PathParam("id") String id) {
    Matcher m = ID.matcher(id.strip());
    if (!m.matches()) {
      throw new NotFound("ticket", id);
    }
    return tickets
        .findOwned(Long.parseLong(m.group(1)), caller.customerId())
        .map(found -> found.orElseThrow(() -> new NotFound("ticket", id)));
  }
}
