package io.frontdesk.console;

import io.frontdesk.http.BadRequest;
import io.frontdesk.http.Conflict;
import io.frontdesk.http.NotFound;
import io.frontdesk.http.StrictJson;
import io.frontdesk.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Admins manage the canned replies agents send, placeholders such as {{customer.name}} included.
 */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/admin/canned-replies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "console")
@RolesAllowed(Roles.ADMIN)
public class CannedReplyAdminResource {

  /** What an admin writes: a shortcut (a-z, 0-9, - and _), a title and the text. */
  public record CannedReplyText(String shortcut, String title, String body) {}

  /** A stored canned reply. */
  public record CannedReplyView(
      long id, String shortcut, String title, String body, OffsetDateTime updatedAt) {

    static CannedReplyView of(CannedReply r) {
      return new CannedReplyView(r.id, r.shortcut, r.title, r.body, r.updatedAt);
    }
  }

  private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9_-]{1,40}");

  private final CannedReplyRepository replies;

  CannedReplyAdminResource(CannedReplyRepository replies) {
    this.replies = replies;
  }

  @GET
  @WithSession
  @Operation(summary = "Every canned reply, by shortcut")
  public Uni<List<CannedReplyView>> list() {
    return replies.all().map(all -> all.stream().map(CannedReplyView::of).toList());
  }

  @POST
  @WithTransaction
  @ResponseStatus(201)
  @Operation(
      summary =
          "Add a canned reply (placeholders: "
              + "{{customer.name}}, {{customer.first_name}},"
              + " {{agent}}); 409 when the shortcut is taken")
  public Uni<CannedReplyView> create(@Valid @NotNull CannedReplyText text) {
    validate(text);
    return replies
        .shortcutTaken(text.shortcut(), null)
        .chain(
            taken -> {
              if (taken) {
                throw new Conflict("the shortcut " + text.shortcut() + " is taken");
              }
              CannedReply reply = new CannedReply();
              write(reply, text);
              return replies.persist(reply);
            })
        .map(CannedReplyView::of);
  }

  @PUT
  @Path("/{id}")
  @WithTransaction
  @Operation(summary = "Change a canned reply")
  public Uni<CannedReplyView> update(
      @PathParam("id") long id, @Valid @NotNull CannedReplyText text) {
    validate(text);
    return replies
        .shortcutTaken(text.shortcut(), id)
        .chain(
            taken -> {
              if (taken) {
                throw new Conflict("the shortcut " + text.shortcut() + " is taken");
              }
              return replies.findById(id);
            })
        .map(
            reply -> {
              if (reply == null) {
                throw new NotFound("canned reply", String.valueOf(id));
              }
              write(reply, text);
              return CannedReplyView.of(reply);
            });
  }

  @DELETE
  @Path("/{id}")
  @WithTransaction
  @ResponseStatus(204)
  @Operation(summary = "Delete a canned reply")
  public Uni<Void> delete(@PathParam("id") long id) {
    return replies
        .deleteById(id)
        .invoke(
            deleted -> {
              if (!deleted) {
                throw new NotFound("canned reply", String.valueOf(id));
              }
            })
        .replaceWithVoid();
  }

  private static void write(CannedReply reply, CannedReplyText text) {
    reply.shortcut = text.shortcut();
    reply.title = text.title().strip();
    reply.body = text.body().strip();
    reply.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static void validate(CannedReplyText text) {
    if (text.shortcut() == null || !SHORTCUT.matcher(text.shortcut()).matches()) {
      throw new BadRequest("shortcut must be 1..40 of a-z, 0-9, - and _");
    }
    if (text.title() == null || text.title().isBlank() || text.title().length() > 120) {
      throw new BadRequest("title must be 1..120 characters");
    }
    if (text.body() == null || text.body().isBlank() || text.body().length() > 4000) {
      throw new BadRequest("body must be 1..4000 characters");
    }
    Set<String> unknown = Placeholders.unknown(text.body());
    if (!unknown.isEmpty()) {
      throw new BadRequest("unknown placeholders " + unknown + "; known: " + Placeholders.KNOWN);
    }
  }
}
