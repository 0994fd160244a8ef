package io.frontdesk.conversation;

import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.feed.FeedListener;
import io.frontdesk.http.NotFound;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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

/** A customer's conversation transcript: every message, including tool calls and results. */
@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "conversations")
@RolesAllowed(Roles.CUSTOMER)
public class ConversationResource {

  /** The transcript as the API shows it. */
  public record Transcript(Conversation conversation, List<StoredMessage> messages) {}

  private final Pool pool;
  private final ConversationRepository conversations;
  private final CurrentCaller caller;
  private final ConversationFeed feed;
  private final FeedListener listener;

  ConversationResource(
      Pool pool,
      ConversationRepository conversations,
      CurrentCaller caller,
      ConversationFeed feed,
      FeedListener listener) {
    this.pool = pool;
    this.conversations = conversations;
    this.caller = caller;
    this.feed = feed;
    this.listener = listener;
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "The full transcript of one of the customer's conversations")
  public Uni<Transcript> transcript(@PathParam("id") UUID id) {
    String customerId = caller.customerId();
    return conversations
        .findOwned(pool, id, customerId)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("conversation", id.toString()))
        .chain(
            conv ->
                conversations.transcript(pool, id).map(messages -> new Transcript(conv, messages)));
  }

  @GET
  @Path("/{id}/events")
  @Operation(
      summary =
          "The conversation's feed after a sequence number (approval decisions, follow-up"
              + " answers), oldest first")
  public Uni<List<ConversationFeed.FeedEvent>> events(
      @PathParam("id") UUID id, @QueryParam("after") @DefaultValue("0") int after) {
    return owned(id).chain(conv -> feed.after(pool, id, after));
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
    return feed.follow(pool, id, after, listener.notifications());
  }

  private Uni<Conversation> owned(UUID id) {
    return conversations
        .findOwned(pool, id, caller.customerId())
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("conversation", id.toString()));
  }
}
