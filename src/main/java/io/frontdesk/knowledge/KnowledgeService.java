package io.frontdesk.knowledge;

import io.frontdesk.http.NotFound;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Searching and reading the knowledge base and the documentation. */
@ApplicationScoped
public class KnowledgeService {

  private final KnowledgeRepository repository;

  KnowledgeService(KnowledgeRepository repository) {
    this.repository = repository;
  }

  /**
   * Search with the backend's fault tolerance: 3 attempts, backoff 500 ms doubling up to 5 s, and
   * 10 s per attempt ({@code frontdesk.tools.knowledge-base.timeout-ms}); the rest with {@code
   * quarkus.fault-tolerance."io.frontdesk.knowledge.KnowledgeService/search".*} keys.
   */
  @Retry(maxRetries = 2, delay = 500, maxDuration = 30_000, jitter = 0)
  @ExponentialBackoff(factor = 2, maxDelay = 5_000)
  @Timeout(10_000)
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
