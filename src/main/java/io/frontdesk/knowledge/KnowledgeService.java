package io.frontdesk.knowledge;

import io.frontdesk.http.NotFound;
import io.frontdesk.toolgate.BackendGuards;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Searching and reading the knowledge base and the documentation. */
@ApplicationScoped
public class KnowledgeService {

  private final KnowledgeRepository repository;

  KnowledgeService(KnowledgeRepository repository) {
    this.repository = repository;
  }

  /** Search, under the knowledge-base backend's fault tolerance ({@link BackendGuards}). */
  @ApplyGuard(BackendGuards.KNOWLEDGE_BASE)
  public Uni<List<SearchHit>> search(Collection collection, String query, int limit) {
    return repository.search(collection, query, limit);
  }

  public Uni<Document> get(Collection collection, String id) {
    return repository
        .find(collection, id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound(collection.noun, id));
  }
}
