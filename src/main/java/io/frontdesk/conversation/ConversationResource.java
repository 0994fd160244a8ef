package io.frontdesk.conversation;

import io.frontdesk.http.NotFound;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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

  ConversationResource(Pool pool, ConversationRepository conversations, CurrentCaller caller) {
    this.pool = pool;
    this.conversations = conversations;
    this.caller = caller;
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
}
