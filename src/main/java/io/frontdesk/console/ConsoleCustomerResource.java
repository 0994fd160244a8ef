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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Human agents read any customer through the console; customers cannot reach this. */
@Path("/api/v1/console/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
@RolesAllowed(Roles.AGENT)
public class ConsoleCustomerResource {

  private final CustomerRepository customers;

  ConsoleCustomerResource(CustomerRepository customers) {
    this.customers = customers;
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
