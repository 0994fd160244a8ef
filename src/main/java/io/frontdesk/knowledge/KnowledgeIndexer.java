package io.frontdesk.knowledge;

import io.frontdesk.embedding.Embedder;
import io.frontdesk.startup.StartupPhases;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Cuts documents into passages and embeds them when they are written. At start it embeds only what
 * is missing or out of date (the demo content on the first start; a document changed by hand; all
 * of it after a change of embedding model), so a restart embeds nothing.
 */
@ApplicationScoped
public class KnowledgeIndexer {

  private static final Logger LOG = Logger.getLogger(KnowledgeIndexer.class);

  /** A document's passages and their vectors, ready to store. */
  record Embedded(String sourceHash, List<Chunker.Chunk> chunks, List<float[]> vectors) {}

  private final Pool pool;
  private final KnowledgeChunkRepository chunks;
  private final DenseIndex dense;
  private final Embedder embedder;

  KnowledgeIndexer(
      Pool pool, KnowledgeChunkRepository chunks, DenseIndex dense, Embedder embedder) {
    this.pool = pool;
    this.chunks = chunks;
    this.dense = dense;
    this.embedder = embedder;
  }

  // after the demo data is loaded (default priority)
  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
    long start = System.nanoTime();
    int documents = 0;
    int passages = 0;
    for (Collection collection : Collection.values()) {
      List<KnowledgeChunkRepository.Stale> stale =
          pool.withConnection(db -> chunks.stale(db, collection, embedder.modelId()))
              .await()
              .atMost(Duration.ofMinutes(1));
      if (stale.isEmpty()) {
        continue;
      }
      List<Embedded> embedded = embedAll(stale);
      List<String> ids = stale.stream().map(KnowledgeChunkRepository.Stale::id).toList();
      pool.withTransaction(db -> storeAll(db, collection, ids, embedded))
          .await()
          .atMost(Duration.ofMinutes(5));
      documents += stale.size();
      passages += embedded.stream().mapToInt(e -> e.chunks().size()).sum();
    }
    if (documents > 0) {
      LOG.infof(
          "Embedded %d documents (%d passages) with %s in %d ms",
          documents, passages, embedder.modelId(), (System.nanoTime() - start) / 1_000_000);
    }
    StartupPhases.done("knowledge index", start, " (" + documents + " documents embedded)");
  }

  /** Cuts and embeds one document; blocking (call it on a worker thread). */
  Embedded embed(String title, String body) {
    return embedAll(List.of(new KnowledgeChunkRepository.Stale(null, title, body))).getFirst();
  }

  private List<Embedded> embedAll(List<KnowledgeChunkRepository.Stale> documents) {
    List<List<Chunker.Chunk>> cut = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (KnowledgeChunkRepository.Stale d : documents) {
      List<Chunker.Chunk> c = Chunker.chunk(d.title(), d.body());
      cut.add(c);
      c.forEach(chunk -> texts.add(chunk.embedded()));
    }
    List<float[]> vectors = embedder.embedAll(texts);
    List<Embedded> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < documents.size(); i++) {
      List<Chunker.Chunk> c = cut.get(i);
      out.add(
          new Embedded(
              KnowledgeChunkRepository.sourceHash(
                  documents.get(i).title(), documents.get(i).body()),
              c,
              vectors.subList(next, next + c.size())));
      next += c.size();
    }
    return out;
  }

  /** Stores a document's passages in the writer's transaction, after taking the write lock. */
  Uni<Void> store(SqlClient db, Collection collection, String id, Embedded embedded) {
    return storeAll(db, collection, List.of(id), List.of(embedded));
  }

  private Uni<Void> storeAll(
      SqlClient db, Collection collection, List<String> ids, List<Embedded> embedded) {
    Uni<Void> done = chunks.lockWriters(db);
    return dense
        .usesPgvector()
        .chain(
            pgvector -> {
              Uni<Void> chain = done;
              for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                Embedded e = embedded.get(i);
                chain =
                    chain.chain(
                        () ->
                            chunks.replace(
                                db,
                                collection,
                                id,
                                e.sourceHash(),
                                embedder.modelId(),
                                e.chunks(),
                                e.vectors(),
                                pgvector));
              }
              return chain;
            });
  }
}
