package io.frontdesk.knowledge;

import io.frontdesk.embedding.Embedder;
import io.frontdesk.embedding.References;
import io.frontdesk.guard.LogRedaction;
import io.frontdesk.http.NotFound;
import io.frontdesk.toolgate.Backend;
import io.frontdesk.toolgate.BackendGuards;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
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
  public Uni<List<SearchHit>> search(Collection collection, String query, int limit) {
    return vector(query).chain(v -> search(collection, query, limit, v));
  }

  /**
   * The query's vector, embedded on the calling thread: for a caller already on a worker thread (a
   * tool), which then searches with {@link #search(Collection, String, int, Optional)}. Handing the
   * embedding to another worker and waiting for it would hold two workers per search, and with
   * every worker waiting so none is left to embed: at 2,000 turns at once the searches timed out
   * and opened the knowledge base's circuit.
   */
  public Optional<float[]> embedHere(String query) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("embedding blocks: not on an event-loop thread");
    }
    return embedded(query);
  }

  /**
   * The search with the query's vector (empty: full-text only), weighted by the query's length
   * ({@link Fusion#forQuery}).
   */
  @Backend(BackendGuards.KNOWLEDGE_BASE)
  public Uni<List<SearchHit>> search(
      Collection collection, String query, int limit, Optional<float[]> vector) {
    int candidates = Math.max(limit, config.candidates());
    Fusion fusion = Fusion.forQuery(config, query);
    Uni<List<SearchHit>> words =
        fusion.fullTextWeight() > 0
            ? repository.search(collection, query, candidates, limit)
            : Uni.createFrom().item(List.of());
    Uni<List<DenseIndex.Hit>> meaning =
        fusion.denseWeight() <= 0
            ? Uni.createFrom().item(List.of())
            : vector.isEmpty()
                ? Uni.createFrom().item(List.<DenseIndex.Hit>of())
                : dense.search(collection, vector.get(), candidates, fusion.minSimilarity());
    return Uni.combine()
        .all()
        .unis(meaning, words)
        .with(
            (m, w) ->
                HybridRanking.merge(
                    m, w, fusion.denseWeight(), fusion.fullTextWeight(), config.rrfK(), limit));
  }

  /** The query's vector; without one (a remote embedder down) the search uses words alone. */
  private Uni<Optional<float[]>> vector(String query) {
    return vertx.executeBlocking(Uni.createFrom().item(() -> embedded(query)), false);
  }

  /**
   * The query's meaning without its references ({@link References}: an order number says which
   * record, not which article); the router embedded the same text, so a query that is the turn's
   * message reuses its vector. The full-text search still reads the query as written.
   */
  private Optional<float[]> embedded(String query) {
    try {
      return Optional.of(embedder.embed(References.strip(query)));
    } catch (RuntimeException e) {
      LOG.warnf(
          "Query not embedded (%s): full-text search only", LogRedaction.redact(e.toString()));
      return Optional.empty();
    }
  }

  public Uni<Document> get(Collection collection, String id) {
    return repository
        .find(collection, id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound(collection.noun, id));
  }
}
