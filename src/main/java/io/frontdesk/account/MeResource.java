package io.frontdesk.account;

import io.frontdesk.http.Unauthenticated;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The calling customer's own record: a customer reads only this, never another's. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "customers")
@RolesAllowed(Roles.CUSTOMER)
public class MeResource {

  private final CustomerRepository customers;
  private final CurrentCaller caller;

  MeResource(CustomerRepository customers, CurrentCaller caller) {
    this.customers = customers;
    this.caller = caller;
  }

  @GET
  @WithSession
  @Operation(
      summary = "The calling customer (from the token's sub), with the tier from the database")
  public Uni<CustomerView> me() {
    String id = caller.customerId();
    return customers
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new Unauthenticated("the token names customer " + id + ", who is unknown"))
        .map(CustomerView::of);
  }
}
