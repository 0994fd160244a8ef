package io.frontdesk.billing;

import io.frontdesk.http.NotFound;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's own invoices; another customer's invoice is not found. */
@Path("/api/v1/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
@RolesAllowed(Roles.CUSTOMER)
public class InvoiceResource {

  private final BillingService billing;
  private final CurrentCaller caller;

  InvoiceResource(BillingService billing, CurrentCaller caller) {
    this.billing = billing;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "The calling customer's most recent invoices, newest first")
  public Uni<InvoiceList> mine() {
    return billing.invoices(caller.customerId());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One of the calling customer's invoices, by id or printed number")
  public Uni<InvoiceDetail> get(@PathParam("id") String id) {
    return billing
        .invoice(caller.customerId(), id)
        .onFailure(ToolRefused.class)
        .transform(refused -> new NotFound("invoice", id));
  }
}
