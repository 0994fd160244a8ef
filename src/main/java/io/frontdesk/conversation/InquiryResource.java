package io.frontdesk.conversation;

import io.frontdesk.http.StrictJson;
import io.frontdesk.http.Unavailable;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.frontdesk.turn.TurnEvent;
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
import java.util.List;
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
  private final CurrentCaller caller;
  private final Refusals refusals;

  InquiryResource(TurnEngine engine, CurrentCaller caller, Refusals refusals) {
    this.engine = engine;
    this.caller = caller;
    this.refusals = refusals;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a message and get the seed's SupportResponse")
  public Uni<SupportResponse> inquire(@Valid @NotNull InquiryRequest request) {
    // admission (rate limit, text rules, capacity) refuses in engine.run, before the Uni exists
    return engine.run(turn(request, "rest")).collect().asList().map(InquiryResource::response);
  }

  /** The SupportResponse from done; a turn that could not be stored is a 503, not an answer. */
  private static SupportResponse response(List<TurnEvent> events) {
    for (TurnEvent event : events) {
      if (event instanceof TurnEvent.Error error && error.code().equals("not_saved")) {
        throw new Unavailable(error.message(), null);
      }
    }
    return events.stream()
        .filter(TurnEvent.Done.class::isInstance)
        .map(done -> SupportResponse.of((TurnEvent.Done) done))
        .reduce((first, last) -> last)
        .orElseThrow(() -> new IllegalStateException("a turn ended without done"));
  }

  @POST
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a message and stream the turn's events (SSE)")
  public Multi<TurnEvent> stream(@Valid @NotNull InquiryRequest request) {
    // a refused admission throws from engine.run: a 429 or 400 before the stream opens
    // the stream's headers are sent before the turn opens: a refused or failed opening (another
    // customer's conversation, one still answering, the database down) ends it with error and done
    return engine
        .run(turn(request, "sse"))
        .onFailure()
        .recoverWithMulti(
            failure ->
                refusals.notOpened(
                    failure, request.conversationId(), caller.customerId(), request.message()));
  }

  /**
   * Rate limit, text rules, size and capacity are {@link TurnAdmission}'s, alike on every channel.
   */
  private TurnRequest turn(InquiryRequest request, String channel) {
    return new TurnRequest(
        caller.customerId(), request.conversationId(), request.message(), channel);
  }
}
