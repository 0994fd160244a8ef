package io.frontdesk.console;

import io.frontdesk.console.ConsoleConversationRepository.LiveConversation;
import io.frontdesk.console.ConsoleConversationService.ConsoleTranscript;
import io.frontdesk.conversation.MemoryConfig;
import io.frontdesk.http.BadRequest;
import io.frontdesk.http.StrictJson;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's live conversations: which are active now, any one's transcript, and taking one over
 * — the agent replies in the customer's chat while the bot pauses, then hands it back.
 */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/console/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "console")
@RolesAllowed(Roles.AGENT)
public class ConsoleConversationResource {

  /** An agent's reply. */
  public record AgentReply(String text) {}

  /** A private note for the other agents. */
  public record NoteText(String text) {}

  private final ConsoleConversationService conversations;
  private final TakeoverService takeovers;
  private final CurrentCaller caller;
  private final MemoryConfig memory;

  ConsoleConversationResource(
      ConsoleConversationService conversations,
      TakeoverService takeovers,
      CurrentCaller caller,
      MemoryConfig memory) {
    this.conversations = conversations;
    this.takeovers = takeovers;
    this.caller = caller;
    this.memory = memory;
  }

  @GET
  @Operation(
      summary =
          "Live conversations: updated within the last `minutes` (default 30), taken over, or"
              + " waiting for an approval; newest first")
  public Uni<List<LiveConversation>> live(
      @QueryParam("minutes") @DefaultValue("30") int minutes,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (minutes < 1 || minutes > 7 * 24 * 60 || limit < 1 || limit > 500) {
      throw new BadRequest("minutes must be 1..10080 and limit 1..500");
    }
    return conversations.live(minutes, limit);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One conversation's transcript and who holds it")
  public Uni<ConsoleTranscript> get(@PathParam("id") UUID id) {
    return conversations.transcript(id);
  }

  @POST
  @Path("/{id}/takeover")
  @Operation(
      summary =
          "Take the conversation over: the bot stops answering it, the customer's messages come"
              + " to the console (409 if another agent holds it)")
  public Uni<TakeoverService.Takeover> takeOver(@PathParam("id") UUID id) {
    return takeovers.takeOver(id, caller.subject());
  }

  @POST
  @Path("/{id}/messages")
  @Operation(
      summary =
          "Reply to the customer in their chat (only while you hold the conversation); stored in"
              + " the transcript and the agent's memory")
  public Uni<TakeoverService.Takeover> reply(
      @PathParam("id") UUID id, @Valid @NotNull AgentReply reply) {
    String text = reply.text() == null ? "" : reply.text().strip();
    if (text.isEmpty()) {
      throw new BadRequest("text must not be empty");
    }
    if (text.length() > memory.maxMessageChars()) {
      throw new BadRequest(
          "text is %d characters; the limit is %d"
              .formatted(text.length(), memory.maxMessageChars()));
    }
    return takeovers.reply(id, caller.subject(), text);
  }

  @POST
  @Path("/{id}/notes")
  @Operation(
      summary =
          "Add a private note for the other agents: shown in the console only, never sent to the"
              + " customer nor to the model")
  public Uni<NoteRepository.Note> note(@PathParam("id") UUID id, @Valid @NotNull NoteText note) {
    String text = note.text() == null ? "" : note.text().strip();
    if (text.isEmpty() || text.length() > 4000) {
      throw new BadRequest("text must be 1..4000 characters");
    }
    return conversations.addNote(id, caller.subject(), text);
  }

  @POST
  @Path("/{id}/handback")
  @Operation(summary = "Hand the conversation back to the bot")
  public Uni<TakeoverService.Takeover> handBack(@PathParam("id") UUID id) {
    return takeovers.handBack(id, caller.subject());
  }
}
