package io.frontdesk.console;

import io.frontdesk.conversation.ConversationRepository;
import io.frontdesk.conversation.MemoryConfig;
import io.frontdesk.conversation.StoredMessage;
import io.frontdesk.http.BadRequest;
import io.frontdesk.http.NotFound;
import io.frontdesk.http.StrictJson;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

  /** A conversation in the live list. */
  public record LiveConversation(
      UUID id,
      String customerId,
      String status,
      String activeAgent,
      String takenOverBy,
      OffsetDateTime updatedAt,
      String lastMessage) {}

  /** One conversation for the console: its header, who holds it, the whole transcript. */
  public record ConsoleTranscript(
      UUID id,
      String customerId,
      String status,
      String activeAgent,
      String takenOverBy,
      List<StoredMessage> messages) {}

  /** An agent's reply. */
  public record AgentReply(String text) {}

  private final Pool pool;
  private final TakeoverService takeovers;
  private final ConversationRepository conversations;
  private final CurrentCaller caller;
  private final MemoryConfig memory;

  ConsoleConversationResource(
      Pool pool,
      TakeoverService takeovers,
      ConversationRepository conversations,
      CurrentCaller caller,
      MemoryConfig memory) {
    this.pool = pool;
    this.takeovers = takeovers;
    this.conversations = conversations;
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
    return pool.preparedQuery(
            "select c.id, c.customer_id, c.status, c.active_agent, c.taken_over_by, c.updated_at,"
                + " (select m.content from message m where m.conversation_id = c.id and m.role in"
                + " ('user', 'assistant') and m.content is not null and m.content <> '' order by"
                + " m.id desc limit 1) as last_message from conversation c where c.updated_at >"
                + " now() - make_interval(mins => $1) or c.taken_over_by is not null or c.status"
                + " = 'awaiting_approval' order by c.updated_at desc limit $2")
        .execute(Tuple.of(minutes, limit))
        .map(
            rows -> {
              List<LiveConversation> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new LiveConversation(
                        r.getUUID("id"),
                        r.getString("customer_id"),
                        r.getString("status"),
                        r.getString("active_agent"),
                        r.getString("taken_over_by"),
                        r.getOffsetDateTime("updated_at"),
                        r.getString("last_message")));
              }
              return out;
            });
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One conversation's transcript and who holds it")
  public Uni<ConsoleTranscript> get(@PathParam("id") UUID id) {
    return pool.preparedQuery(
            "select customer_id, status, active_agent, taken_over_by from conversation where id ="
                + " $1")
        .execute(Tuple.of(id))
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw new NotFound("conversation", id.toString());
              }
              Row r = rows.iterator().next();
              return conversations
                  .transcript(pool, id)
                  .map(
                      messages ->
                          new ConsoleTranscript(
                              id,
                              r.getString("customer_id"),
                              r.getString("status"),
                              r.getString("active_agent"),
                              r.getString("taken_over_by"),
                              messages));
            });
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
  @Path("/{id}/handback")
  @Operation(summary = "Hand the conversation back to the bot")
  public Uni<TakeoverService.Takeover> handBack(@PathParam("id") UUID id) {
    return takeovers.handBack(id, caller.subject());
  }
}
