package io.frontdesk.approval;

import io.frontdesk.http.BadRequest;
import io.frontdesk.http.StrictJson;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reviewers' side of approvals (role agent): what waits, and the decision. */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/console/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
@RolesAllowed(Roles.AGENT)
public class ConsoleApprovalResource {

  static final Set<String> STATUSES =
      Set.of(
          Approval.PENDING,
          Approval.APPROVED,
          Approval.REJECTED,
          Approval.EXPIRED,
          Approval.EXECUTED,
          Approval.FAILED);

  private final ApprovalService service;
  private final CurrentCaller caller;

  ConsoleApprovalResource(ApprovalService service, CurrentCaller caller) {
    this.service = service;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Approvals, newest first (status: pending, approved, rejected, …)")
  public Uni<List<Approval>> list(
      @QueryParam("status") String status, @QueryParam("customer") String customer) {
    if (status != null && !STATUSES.contains(status)) {
      throw new BadRequest("status must be one of " + STATUSES);
    }
    return service.list(status, customer);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One approval")
  public Uni<Approval> get(@PathParam("id") UUID id) {
    return service.get(id);
  }

  @POST
  @Path("/{id}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary =
          "Approve (exactly the stored call runs, once, and the agent tells the customer) or"
              + " reject (the customer is told why and a ticket opens)")
  public Approval decide(@PathParam("id") UUID id, @Valid @NotNull ApprovalDecision decision) {
    return service.decide(id, caller.subject(), decision.approve(), decision.feedback());
  }
}
