package io.frontdesk.knowledge;

import io.frontdesk.embedding.Embedder;
import io.frontdesk.embedding.Vectors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Dense search: the documents whose passages mean most nearly what the query means. PostgreSQL
 * holds the passages and their vectors; this replica keeps a copy in memory (a few hundred
 * passages) and reloads it whenever the passages' revision moved, whichever replica wrote them.
 * With pgvector in the database, the nearest passages are found there instead.
 */
@ApplicationScoped
public class DenseIndex {

  /** A document by its best passage for the query. */
  public record Hit(
      String documentId, String title, String group, String passage, double similarity) {}

  private static final Logger LOG = Logger.getLogger(DenseIndex.class);
  // pgvector returns passages, several per document: fetch enough for the documents wanted
  private static final int PASSAGES_PER_DOCUMENT = 4;

  private record Snapshot(
      long revision, Map<Collection, List<KnowledgeChunkRepository.Stored>> byCollection) {}

  private final KnowledgeChunkRepository chunks;
  private final Embedder embedder;
  private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Map.of());
  private volatile Boolean pgvector;

  DenseIndex(KnowledgeChunkRepository chunks, Embedder embedder) {
    this.chunks = chunks;
    this.embedder = embedder;
  }

  /** The best documents for a query vector, at least {@code minSimilarity} similar, best first. */
  public Uni<List<Hit>> search(
      Collection collection, float[] query, int limit, double minSimilarity) {
    return usesPgvector()
        .chain(
            inDatabase ->
                inDatabase
                    ? chunks
                        .nearest(
                            collection, embedder.modelId(), query, limit * PASSAGES_PER_DOCUMENT)
                        .map(passages -> rank(passages, query, limit, minSimilarity))
                    : current()
                        .map(
                            s ->
                                rank(
                                    s.byCollection().getOrDefault(collection, List.of()),
                                    query,
                                    limit,
                                    minSimilarity)));
  }

  /** Whether dense search runs in PostgreSQL (pgvector), decided once. */
  Uni<Boolean> usesPgvector() {
    if (pgvector != null) {
      return Uni.createFrom().item(pgvector);
    }
    return chunks
        .hasVectorColumn()
        .invoke(
            has -> {
              pgvector = has;
              LOG.infof(
                  "Dense search %s", has ? "in PostgreSQL (pgvector)" : "in memory (no pgvector)");
            });
  }

  private Uni<Snapshot> current() {
    return chunks
        .revision()
        .chain(
            revision -> {
              Snapshot known = snapshot;
              if (known.revision() == revision) {
                return Uni.createFrom().item(known);
              }
              return chunks
                  .all(embedder.modelId())
                  .map(
                      all -> {
                        Map<Collection, List<KnowledgeChunkRepository.Stored>> by =
                            new EnumMap<>(Collection.class);
                        for (KnowledgeChunkRepository.Stored c : all) {
                          by.computeIfAbsent(c.collection(), k -> new ArrayList<>()).add(c);
                        }
                        Snapshot fresh = new Snapshot(revision, by);
                        snapshot = fresh;
                        return fresh;
                      });
            });
  }

  /** Documents by their most similar passage. */
  public static List<Hit> rank(
      List<KnowledgeChunkRepository.Stored> passages,
      float[] query,
      int limit,
      double minSimilarity) {
    Map<String, Hit> best = new LinkedHashMap<>();
    for (KnowledgeChunkRepository.Stored p : passages) {
      if (p.vector().length != query.length) {
        continue;
      }
      double similarity = Vectors.dot(p.vector(), query);
      if (similarity < minSimilarity) {
        continue;
      }
      Hit known = best.get(p.documentId());
      if (known == null || similarity > known.similarity()) {
        best.put(
            p.documentId(), new Hit(p.documentId(), p.title(), p.group(), p.content(), similarity));
      }
    }
    return best.values().stream()
        .sorted(Comparator.comparingDouble(Hit::similarity).reversed())
        .limit(limit)
        .toList();
  }
}
