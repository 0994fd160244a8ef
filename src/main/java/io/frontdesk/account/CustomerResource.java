package io.frontdesk.account;

import io.frontdesk.http.NotFound;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Customer records. Open until the security issue adds authentication (see README). */
@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "customers")
public class CustomerResource {

  private final CustomerRepository customers;

  CustomerResource(CustomerRepository customers) {
    this.customers = customers;
  }

  @GET
  @Path("/{id}")
  @WithSession
  @Operation(summary = "One customer by id, e.g. cus_0001")
  public Uni<CustomerView> get(@PathParam("id") String id) {
    return customers
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("customer", id))
        .map(CustomerView::of);
  }
}
