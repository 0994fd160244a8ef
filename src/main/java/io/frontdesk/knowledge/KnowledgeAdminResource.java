package io.frontdesk.knowledge;

import io.frontdesk.http.StrictJson;
import io.frontdesk.security.Roles;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Administrators write the knowledge base and the documentation (Markdown bodies); every write is
 * cut into passages and embedded before it is stored, so it is searchable at once.
 */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "admin")
public class KnowledgeAdminResource {

  private final KnowledgeAdminService admin;

  KnowledgeAdminResource(KnowledgeAdminService admin) {
    this.admin = admin;
  }

  @POST
  @Path("/knowledge/articles")
  @Operation(summary = "Add a knowledge-base article (201; the next free KB id unless given)")
  public Uni<Response> addArticle(@Valid @NotNull DocumentInput input) {
    return created(Collection.KNOWLEDGE_BASE, admin.create(Collection.KNOWLEDGE_BASE, input));
  }

  @PUT
  @Path("/knowledge/articles/{id}")
  @Operation(summary = "Create or replace a knowledge-base article (201 created, 200 replaced)")
  public Uni<Response> putArticle(@PathParam("id") String id, @Valid @NotNull DocumentInput input) {
    return written(Collection.KNOWLEDGE_BASE, admin.put(Collection.KNOWLEDGE_BASE, id, input));
  }

  @DELETE
  @Path("/knowledge/articles/{id}")
  @Operation(summary = "Delete a knowledge-base article and its passages (204)")
  public Uni<Response> deleteArticle(@PathParam("id") String id) {
    return admin.delete(Collection.KNOWLEDGE_BASE, id).map(done -> Response.noContent().build());
  }

  @POST
  @Path("/documentation/pages")
  @Operation(summary = "Add a documentation page (201; the next free DOC id unless given)")
  public Uni<Response> addPage(@Valid @NotNull DocumentInput input) {
    return created(Collection.DOCUMENTATION, admin.create(Collection.DOCUMENTATION, input));
  }

  @PUT
  @Path("/documentation/pages/{id}")
  @Operation(summary = "Create or replace a documentation page (201 created, 200 replaced)")
  public Uni<Response> putPage(@PathParam("id") String id, @Valid @NotNull DocumentInput input) {
    return written(Collection.DOCUMENTATION, admin.put(Collection.DOCUMENTATION, id, input));
  }

  @DELETE
  @Path("/documentation/pages/{id}")
  @Operation(summary = "Delete a documentation page and its passages (204)")
  public Uni<Response> deletePage(@PathParam("id") String id) {
    return admin.delete(Collection.DOCUMENTATION, id).map(done -> Response.noContent().build());
  }

  private static Uni<Response> created(Collection collection, Uni<Document> document) {
    return document.map(d -> Response.created(location(collection, d.id())).entity(d).build());
  }

  private static Uni<Response> written(
      Collection collection, Uni<KnowledgeAdminService.Written> written) {
    return written.map(
        w ->
            w.created()
                ? Response.created(location(collection, w.document().id()))
                    .entity(w.document())
                    .build()
                : Response.ok(w.document()).build());
  }

  private static URI location(Collection collection, String id) {
    return URI.create(
        (collection == Collection.KNOWLEDGE_BASE
                ? "/api/v1/knowledge/articles/"
                : "/api/v1/documentation/pages/")
            + id);
  }
}
