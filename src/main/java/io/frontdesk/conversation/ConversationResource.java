package io.frontdesk.conversation;

import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
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
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * A customer's conversation: what they saw (never what is only for the model or the team), and its
 * feed.
 */
@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "conversations")
@RolesAllowed(Roles.CUSTOMER)
public class ConversationResource {

  /**
   * The conversation as its customer saw it; {@code seq} is the feed's sequence number it includes
   * (follow the feed after it and nothing shows twice).
   */
  public record Transcript(Conversation conversation, List<CustomerLine> messages, int seq) {}

  private final ConversationService conversations;
  private final CurrentCaller caller;

  ConversationResource(ConversationService conversations, CurrentCaller caller) {
    this.conversations = conversations;
    this.caller = caller;
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary =
          "One of the customer's conversations as they saw it: their messages, the answers, each"
              + " tool's status line, approval and ticket notices, a person's messages")
  public Uni<Transcript> transcript(@PathParam("id") UUID id) {
    return conversations
        .owned(id, caller.customerId())
        .chain(
            conv ->
                // the feed's position first: an event after it is replayed, never lost
                conversations
                    .latestEvent(id)
                    .chain(
                        seq ->
                            conversations
                                .transcript(id, conv.language())
                                .map(messages -> new Transcript(conv, messages, seq))));
  }

  @GET
  @Path("/{id}/events")
  @Operation(
      summary =
          "The conversation's feed after a sequence number (approval decisions, follow-up"
              + " answers), oldest first")
  public Uni<List<ConversationFeed.FeedEvent>> events(
      @PathParam("id") UUID id, @QueryParam("after") @DefaultValue("0") int after) {
    return conversations
        .owned(id, caller.customerId())
        .chain(conv -> conversations.eventsAfter(id, after));
  }

  @GET
  @Path("/{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Follow the conversation live (SSE): a replay after the sequence number, then every new"
              + " event; an EventSource passes its token as ?token=. A conversation that is not"
              + " the caller's is a 404 before the stream starts (an EventSource stops retrying).")
  @OwnConversation
  public Multi<ConversationFeed.FeedEvent> follow(
      @PathParam("id") UUID id, @QueryParam("after") @DefaultValue("0") int after) {
    // ownership was checked before the stream's headers went out (OwnConversation)
    return conversations.follow(id, after);
  }
}
