package io.frontdesk.console;

import io.frontdesk.account.CustomerRepository;
import io.frontdesk.account.CustomerView;
import io.frontdesk.http.NotFound;
import io.frontdesk.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Human agents read any customer through the console; customers cannot reach this. */
@Path("/api/v1/console/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
@RolesAllowed(Roles.AGENT)
public class ConsoleCustomerResource {

  /** The customer beside a conversation: profile and plan, services, invoices, past chats. */
  public record CustomerPanel(
      CustomerPanelRepository.Profile customer,
      List<CustomerPanelRepository.Service> services,
      List<CustomerPanelRepository.Invoice> invoices,
      List<CustomerPanelRepository.Past> conversations) {}

  private final CustomerRepository customers;
  private final CustomerPanelRepository panels;

  ConsoleCustomerResource(CustomerRepository customers, CustomerPanelRepository panels) {
    this.customers = customers;
    this.panels = panels;
  }

  @GET
  @Path("/{id}/panel")
  @Operation(
      summary =
          "The customer beside a conversation (role agent): profile and plan, services and their"
              + " status, the latest invoices, past conversations and their rating; `except` leaves out the conversation being read")
  public Uni<CustomerPanel> panel(@PathParam("id") String id, @QueryParam("except") UUID except) {
    return panels
        .profile(id)
        .map(p -> p.orElseThrow(() -> new NotFound("customer", id)))
        .chain(
            profile ->
                Uni.combine()
                    .all()
                    .unis(
                        panels.services(id), panels.invoices(id), panels.conversations(id, except))
                    .with(
                        (services, invoices, past) ->
                            new CustomerPanel(profile, services, invoices, past)));
  }

  @GET
  @Path("/{id}")
  @WithSession
  @Operation(summary = "One customer by id, e.g. cus_0001 (role agent)")
  public Uni<CustomerView> get(@PathParam("id") String id) {
    return customers
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("customer", id))
        .map(CustomerView::of);
  }
}
