package io.frontdesk.console;

import io.frontdesk.account.CustomerRepository;
import io.frontdesk.http.NotFound;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The canned replies as an agent uses them in one conversation: filled in for its customer, ready
 * to edit and send as a reply.
 */
@Path("/api/v1/console/conversations/{id}/canned-replies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
@RolesAllowed(Roles.AGENT)
public class ConsoleCannedReplyResource {

  /** A canned reply with its placeholders filled for the conversation. */
  public record FilledReply(long id, String shortcut, String title, String text) {}

  private final CannedReplyRepository replies;
  private final CustomerRepository customers;
  private final ConsoleConversationRepository conversations;
  private final CurrentCaller caller;

  ConsoleCannedReplyResource(
      CannedReplyRepository replies,
      CustomerRepository customers,
      ConsoleConversationRepository conversations,
      CurrentCaller caller) {
    this.replies = replies;
    this.customers = customers;
    this.conversations = conversations;
    this.caller = caller;
  }

  @GET
  @WithSession
  @Operation(summary = "Every canned reply, filled in for this conversation's customer")
  public Uni<List<FilledReply>> filled(@PathParam("id") UUID id) {
    String agent = caller.subject();
    return conversations
        .header(id)
        .map(found -> found.orElseThrow(() -> new NotFound("conversation", id.toString())))
        .chain(header -> customers.findById(header.customerId()))
        .chain(
            customer ->
                replies
                    .all()
                    .map(
                        all -> {
                          Map<String, String> values =
                              Placeholders.of(customer == null ? "" : customer.name, agent);
                          return all.stream()
                              .map(
                                  r ->
                                      new FilledReply(
                                          r.id,
                                          r.shortcut,
                                          r.title,
                                          Placeholders.fill(r.body, values)))
                              .toList();
                        }));
  }
}
