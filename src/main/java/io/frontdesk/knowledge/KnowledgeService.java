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
    return vectors(query).chain(v -> search(collection, query, limit, v));
  }

  /**
   * The query's vector, embedded on the calling thread: for a caller already on a worker thread (a
   * tool), which then searches with {@link #search(Collection, String, int, Optional)}. Handing the
   * embedding to another worker and waiting for it would hold two workers per search, and with
   * every worker waiting so none is left to embed: at 2,000 turns at once the searches timed out
   * and opened the knowledge base's circuit.
   */
  public Optional<QueryVectors> embedHere(String query) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("embedding blocks: not on an event-loop thread");
    }
    return embedded(query);
  }

  /**
   * The search with the query's vectors (empty: full-text only), weighted by the query's length
   * ({@link Fusion#forQuery}); a focused long query is searched by its sentences nearest the help
   * centre ({@link FocusedQuery}).
   */
  @Backend(BackendGuards.KNOWLEDGE_BASE)
  public Uni<List<SearchHit>> search(
      Collection collection, String query, int limit, Optional<QueryVectors> vectors) {
    return search(collection, query, limit, vectors, Fusion.forQuery(config, query));
  }

  /** The search with a given fusion (tests compare fusions on the same knowledge base). */
  Uni<List<SearchHit>> search(
      Collection collection,
      String query,
      int limit,
      Optional<QueryVectors> vectors,
      Fusion fusion) {
    int candidates = Math.max(limit, config.candidates());
    if (fusion.focused() && vectors.isPresent() && vectors.get().focusable()) {
      return focused(collection, query, limit, candidates, vectors.get(), fusion);
    }
    Uni<List<SearchHit>> words =
        fusion.fullTextWeight() > 0
            ? repository.search(collection, query, candidates, limit)
            : Uni.createFrom().item(List.of());
    Uni<List<DenseIndex.Hit>> meaning =
        fusion.denseWeight() <= 0 || vectors.isEmpty()
            ? Uni.createFrom().item(List.<DenseIndex.Hit>of())
            : dense.search(collection, vectors.get().whole(), candidates, fusion.minSimilarity());
    return Uni.combine()
        .all()
        .unis(meaning, words)
        .with(
            (m, w) ->
                HybridRanking.merge(
                    m, w, fusion.denseWeight(), fusion.fullTextWeight(), config.rrfK(), limit));
  }

  /**
   * A long message by its focused sentences: when the best one is near a passage, their dense hits
   * and their words (and the whole message's words, by weight) lead; else the meaning is unsure and
   * the whole message is searched with the long-query fusion.
   */
  private Uni<List<SearchHit>> focused(
      Collection collection,
      String query,
      int limit,
      int candidates,
      QueryVectors vectors,
      Fusion fusion) {
    Fusion.Focus f = fusion.focus();
    List<Uni<List<DenseIndex.Hit>>> perSentence =
        vectors.sentenceVectors().stream()
            .map(v -> dense.search(collection, v, candidates, fusion.minSimilarity()))
            .toList();
    Uni<List<SearchHit>> whole = repository.search(collection, query, candidates, candidates);
    return Uni.join()
        .all(perSentence)
        .andFailFast()
        .map(hits -> FocusedQuery.of(vectors.sentences(), hits, f.delta(), candidates))
        .chain(
            focus ->
                focus.best() >= f.minBest()
                    ? Uni.combine()
                        .all()
                        .unis(
                            f.fullTextWeight() > 0
                                ? repository.search(
                                    collection, focus.text(), candidates, candidates)
                                : Uni.createFrom().item(List.<SearchHit>of()),
                            f.wholeFullTextWeight() > 0
                                ? whole
                                : Uni.createFrom().item(List.<SearchHit>of()))
                        .with(
                            (words, wholeWords) ->
                                HybridRanking.merge(
                                    focus.dense(),
                                    List.of(words, wholeWords),
                                    f.denseWeight(),
                                    new double[] {f.fullTextWeight(), f.wholeFullTextWeight()},
                                    config.rrfK(),
                                    limit))
                    : Uni.combine()
                        .all()
                        .unis(
                            dense.search(
                                collection, vectors.whole(), candidates, fusion.minSimilarity()),
                            whole)
                        .with(
                            (m, w) ->
                                HybridRanking.merge(
                                    m,
                                    w,
                                    fusion.denseWeight(),
                                    fusion.fullTextWeight(),
                                    config.rrfK(),
                                    limit)));
  }

  /** The query's vectors; without them (a remote embedder down) the search uses words alone. */
  private Uni<Optional<QueryVectors>> vectors(String query) {
    return vertx.executeBlocking(Uni.createFrom().item(() -> embedded(query)), false);
  }

  /**
   * The query's meaning without its references ({@link References}: an order number says which
   * record, not which article); the router embedded the same text, so a query that is the turn's
   * message reuses its vector. A long query to focus has its sentences embedded too (one batch).
   * The full-text search still reads the query as written.
   */
  private Optional<QueryVectors> embedded(String query) {
    return embedded(query, Fusion.forQuery(config, query).focused());
  }

  /** The query's vectors, its sentences' too when {@code focus}; empty if it is not embedded. */
  Optional<QueryVectors> embedded(String query, boolean focus) {
    try {
      float[] whole = embedder.embed(References.strip(query));
      if (!focus) {
        return Optional.of(QueryVectors.of(whole));
      }
      List<String> sentences = FocusedQuery.sentences(query);
      List<float[]> each =
          sentences.size() == 1
              ? List.of(whole)
              : embedder.embedAll(sentences.stream().map(References::strip).toList());
      return Optional.of(new QueryVectors(whole, sentences, each));
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
