package io.frontdesk.conversation;

import io.frontdesk.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The check of {@link OwnConversation}: another customer's or a missing conversation is a 404. */
public class OwnConversationFilter {

  private final ConversationService conversations;
  private final CurrentCaller caller;

  OwnConversationFilter(ConversationService conversations, CurrentCaller caller) {
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
    return conversations.owned(conversation, caller.customerId()).replaceWithVoid();
  }
}
