package io.frontdesk.knowledge;

import io.frontdesk.embedding.Embedder;
import io.frontdesk.guard.LogRedaction;
import io.frontdesk.http.NotFound;
import io.frontdesk.toolgate.Backend;
import io.frontdesk.toolgate.BackendGuards;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Searching (hybrid: meaning and words) and reading the knowledge base and the documentation. */
@ApplicationScoped
public class KnowledgeService {

  private static final Logger LOG = Logger.getLogger(KnowledgeService.class);

  private final KnowledgeRepository repository;
  private final DenseIndex dense;
  private final Embedder embedder;
  private final SearchConfig config;
  private final Vertx vertx;

  KnowledgeService(
      KnowledgeRepository repository,
      DenseIndex dense,
      Embedder embedder,
      SearchConfig config,
      Vertx vertx) {
    this.repository = repository;
    this.dense = dense;
    this.embedder = embedder;
    this.config = config;
    this.vertx = vertx;
  }

  /**
   * Hybrid search, under the knowledge-base backend's fault tolerance ({@link BackendGuards}): the
   * dense and the full-text rankings fused. The query is embedded on a worker thread; a query that
   * is the turn's customer message reuses its vector.
   */
  @Backend(BackendGuards.KNOWLEDGE_BASE)
  public Uni<List<SearchHit>> search(Collection collection, String query, int limit) {
    int candidates = Math.max(limit, config.candidates());
    Uni<List<SearchHit>> words =
        config.fullTextWeight() > 0
            ? repository.search(collection, query, candidates)
            : Uni.createFrom().item(List.of());
    Uni<List<DenseIndex.Hit>> meaning =
        config.denseWeight() <= 0
            ? Uni.createFrom().item(List.of())
            : vector(query)
                .chain(
                    v ->
                        v.isEmpty()
                            ? Uni.createFrom().item(List.<DenseIndex.Hit>of())
                            : dense.search(
                                collection, v.get(), candidates, config.minSimilarity()));
    return Uni.combine()
        .all()
        .unis(meaning, words)
        .with(
            (m, w) ->
                HybridRanking.merge(
                    m, w, config.denseWeight(), config.fullTextWeight(), config.rrfK(), limit));
  }

  /** The query's vector; without one (a remote embedder down) the search uses words alone. */
  private Uni<Optional<float[]>> vector(String query) {
    return vertx.executeBlocking(
        Uni.createFrom()
            .item(
                () -> {
                  try {
                    return Optional.of(embedder.embed(query));
                  } catch (RuntimeException e) {
                    LOG.warnf(
                        "Query not embedded (%s): full-text search only",
                        LogRedaction.redact(e.toString()));
                    return Optional.<float[]>empty();
                  }
                }),
        false);
  }

  public Uni<Document> get(Collection collection, String id) {
    return repository
        .find(collection, id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound(collection.noun, id));
  }
}
