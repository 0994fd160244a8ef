package io.frontdesk.approval;

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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's own approval requests: what is pending for them and how it ended. */
@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "approvals")
@RolesAllowed(Roles.CUSTOMER)
public class ApprovalResource {

  private final ApprovalService approvals;
  private final CurrentCaller caller;

  ApprovalResource(ApprovalService approvals, CurrentCaller caller) {
    this.approvals = approvals;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "The calling customer's approval requests, newest first")
  public Uni<List<Approval>> mine() {
    return approvals.list(null, caller.customerId());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One of the calling customer's approval requests")
  public Uni<Approval> get(@PathParam("id") UUID id) {
    return approvals.getOwned(id, caller.customerId());
  }
}
