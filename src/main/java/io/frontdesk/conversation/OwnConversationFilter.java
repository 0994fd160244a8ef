package io.frontdesk.conversation;

import io.frontdesk.http.NotFound;
import io.frontdesk.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The check of {@link OwnConversation}: another customer's or a missing conversation is a 404. */
public class OwnConversationFilter {

  private final Pool pool;
  private final ConversationRepository conversations;
  private final CurrentCaller caller;

  OwnConversationFilter(Pool pool, ConversationRepository conversations, CurrentCaller caller) {
    this.pool = pool;
    this.conversations = conversations;
    this.caller = caller;
  }

  @OwnConversation
  @ServerRequestFilter
  public Uni<Void> owned(ContainerRequestContext request) {
    String id = request.getUriInfo().getPathParameters().getFirst("id");
    UUID conversation;
    try {
      conversation = UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException e) {
      // not a UUID: the endpoint's parameter conversion answers with the reason
      return Uni.createFrom().voidItem();
    }
    return conversations
        .findOwned(pool, conversation, caller.customerId())
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("conversation", id))
        .replaceWithVoid();
  }
}
