package io.frontdesk.knowledge;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read access to the knowledge base and the documentation, for people and integrations: the public
 * help centre, open without a token.
 */
@Path("/api/v1")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "knowledge")
public class KnowledgeResource {

  private final KnowledgeService knowledge;

  KnowledgeResource(KnowledgeService knowledge) {
    this.knowledge = knowledge;
  }

  @GET
  @Path("/knowledge/articles")
  @Operation(summary = "Full-text search over knowledge-base articles")
  public Uni<List<SearchHit>> searchArticles(
      @QueryParam("q") @NotBlank @Size(max = 500) String query,
      @QueryParam("limit") @DefaultValue("5") @Min(1) @Max(50) int limit) {
    return knowledge.search(Collection.KNOWLEDGE_BASE, query, limit);
  }

  @GET
  @Path("/knowledge/articles/{id}")
  @Operation(summary = "One knowledge-base article, e.g. KB-1001")
  public Uni<Document> article(@PathParam("id") String id) {
    return knowledge.get(Collection.KNOWLEDGE_BASE, id);
  }

  @GET
  @Path("/documentation/pages")
  @Operation(summary = "Full-text search over documentation pages")
  public Uni<List<SearchHit>> searchPages(
      @QueryParam("q") @NotBlank @Size(max = 500) String query,
      @QueryParam("limit") @DefaultValue("5") @Min(1) @Max(50) int limit) {
    return knowledge.search(Collection.DOCUMENTATION, query, limit);
  }

  @GET
  @Path("/documentation/pages/{id}")
  @Operation(summary = "One documentation page, e.g. DOC-2001")
  public Uni<Document> page(@PathParam("id") String id) {
    return knowledge.get(Collection.DOCUMENTATION, id);
  }
}
