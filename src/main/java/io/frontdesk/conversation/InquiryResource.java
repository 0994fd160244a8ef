package io.frontdesk.conversation;

import io.frontdesk.http.BadRequest;
import io.frontdesk.http.StrictJson;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Customer inquiries over REST (one answer) and SSE (the turn's events as they happen). */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/inquiries")
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "inquiries")
@RolesAllowed(Roles.CUSTOMER)
public class InquiryResource {

  private final TurnEngine engine;
  private final MemoryConfig memory;
  private final CurrentCaller caller;

  InquiryResource(TurnEngine engine, MemoryConfig memory, CurrentCaller caller) {
    this.engine = engine;
    this.memory = memory;
    this.caller = caller;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a message and get the seed's SupportResponse")
  public Uni<SupportResponse> inquire(@Valid @NotNull InquiryRequest request) {
    return engine
        .run(turn(request, "rest"))
        .select()
        .where(TurnEvent.Done.class::isInstance)
        .toUni()
        .map(done -> SupportResponse.of((TurnEvent.Done) done));
  }

  @POST
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a message and stream the turn's events (SSE)")
  public Multi<TurnEvent> stream(@Valid @NotNull InquiryRequest request) {
    return engine.run(turn(request, "sse"));
  }

  private TurnRequest turn(InquiryRequest request, String channel) {
    String customerId = caller.customerId();
    if (request.message().length() > memory.maxMessageChars()) {
      throw new BadRequest(
          "message is %d characters; the limit is %d"
              .formatted(request.message().length(), memory.maxMessageChars()));
    }
    return new TurnRequest(customerId, request.conversationId(), request.message(), channel);
  }
}
