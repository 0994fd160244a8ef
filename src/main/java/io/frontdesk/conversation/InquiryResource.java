package io.frontdesk.conversation;

import io.frontdesk.http.BadRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Customer inquiries over REST (one answer) and SSE (the turn's events as they happen). */
@Path("/api/v1/inquiries")
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "inquiries")
public class InquiryResource {

  private final TurnEngine engine;
  private final MemoryConfig memory;

  InquiryResource(TurnEngine engine, MemoryConfig memory) {
    this.engine = engine;
    this.memory = memory;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a message and get the seed's SupportResponse")
  public Uni<SupportResponse> inquire(
      @HeaderParam(CustomerIdentity.HEADER) String customer,
      @Valid @NotNull InquiryRequest request) {
    return engine
        .run(turn(customer, request, "rest"))
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
  public Multi<TurnEvent> stream(
      @HeaderParam(CustomerIdentity.HEADER) String customer,
      @Valid @NotNull InquiryRequest request) {
    return engine.run(turn(customer, request, "sse"));
  }

  private TurnRequest turn(String customer, InquiryRequest request, String channel) {
    String customerId = CustomerIdentity.require(customer);
    if (request.message().length() > memory.maxMessageChars()) {
      throw new BadRequest(
          "message is %d characters; the limit is %d"
              .formatted(request.message().length(), memory.maxMessageChars()));
    }
    return new TurnRequest(customerId, request.conversationId(), request.message(), channel);
  }
}
